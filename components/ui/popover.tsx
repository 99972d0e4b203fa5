"use client";
// A non-modal popover on Radix: opens from its trigger, Escape or a click outside closes it and
// focus returns to the trigger.
import * as P from "@radix-ui/react-popover";
import { cn } from "./cn";

export const Popover = P.Root;
export const PopoverTrigger = P.Trigger;
export const PopoverAnchor = P.Anchor;

export function PopoverContent({ className, align = "start", sideOffset = 6, ...rest }: React.ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        align={align}
        sideOffset={sideOffset}
        className={cn("z-50 rounded-md border border-slate-200 bg-white text-slate-900 shadow-lg outline-none", className)}
        {...rest}
      />
    </P.Portal>
  );
}
