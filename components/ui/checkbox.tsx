"use client";
// A checkbox on Radix (role="checkbox", Space toggles) drawn to match the kit; pair it with a
// <label htmlFor> or wrap it in one.
import * as C from "@radix-ui/react-checkbox";
import { cn } from "./cn";
import { CheckIcon, MinusIcon } from "./icons";

export function Checkbox({ className, ...rest }: React.ComponentProps<typeof C.Root>) {
  return (
    <C.Root
      className={cn(
        "group flex size-4 shrink-0 items-center justify-center rounded border border-slate-400 bg-white shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600 data-[state=checked]:text-white data-[state=indeterminate]:border-brand-600 data-[state=indeterminate]:bg-brand-600 data-[state=indeterminate]:text-white",
        className,
      )}
      {...rest}
    >
      {/* Checked shows a tick; indeterminate (some of a list chosen, e.g. "select all") a dash. */}
      <C.Indicator>
        <CheckIcon size={12} strokeWidth={3} className="group-data-[state=indeterminate]:hidden" />
        <MinusIcon size={12} strokeWidth={3} className="hidden group-data-[state=indeterminate]:block" />
      </C.Indicator>
    </C.Root>
  );
}
