"use client";
// A menu on Radix: arrow keys, Home/End and type-ahead move between items, Enter/Space choose,
// Escape closes and returns focus to the trigger.
import * as M from "@radix-ui/react-dropdown-menu";
import { cn } from "./cn";
import { CheckIcon } from "./icons";

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;
export const DropdownMenuGroup = M.Group;
export const DropdownMenuRadioGroup = M.RadioGroup;

export function DropdownMenuContent({ className, sideOffset = 6, ...rest }: React.ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        sideOffset={sideOffset}
        className={cn("z-50 min-w-56 rounded-md border border-slate-200 bg-white py-1 text-slate-900 shadow-lg", className)}
        {...rest}
      />
    </M.Portal>
  );
}

export function DropdownMenuItem({ className, ...rest }: React.ComponentProps<typeof M.Item>) {
  return (
    <M.Item
      className={cn(
        "flex w-full cursor-default items-center gap-2 px-3 py-2 text-sm text-slate-700 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900",
        className,
      )}
      {...rest}
    />
  );
}

/** One choice of a DropdownMenuRadioGroup (role menuitemradio, aria-checked), with a check when chosen. */
export function DropdownMenuRadioItem({ className, children, ...rest }: React.ComponentProps<typeof M.RadioItem>) {
  return (
    <M.RadioItem
      className={cn(
        "flex w-full cursor-default items-center gap-2 px-3 py-2 text-sm text-slate-700 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900",
        className,
      )}
      {...rest}
    >
      {children}
      <M.ItemIndicator className="ml-auto">
        <CheckIcon size={16} className="text-brand-600" />
      </M.ItemIndicator>
    </M.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...rest }: React.ComponentProps<typeof M.Label>) {
  return <M.Label className={cn("px-3 py-2 text-sm", className)} {...rest} />;
}

export function DropdownMenuSeparator({ className, ...rest }: React.ComponentProps<typeof M.Separator>) {
  return <M.Separator className={cn("my-1 h-px bg-slate-100", className)} {...rest} />;
}
