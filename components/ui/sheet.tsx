"use client";
// A panel that slides in from the left edge, on Radix Dialog: focus moves in and is trapped, Escape,
// the close button or a click outside close it, and focus returns to its trigger. The narrow-screen
// navigation lives in one.
import * as D from "@radix-ui/react-dialog";
import { XIcon } from "./icons";

export function Sheet({
  open,
  onOpenChange,
  trigger,
  title,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens it (rendered as the Radix trigger, so it gets aria-expanded and focus back). */
  trigger: React.ReactNode;
  title: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Trigger asChild>{trigger}</D.Trigger>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <D.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,85vw)] flex-col border-r border-slate-200 bg-white text-slate-900 shadow-xl focus:outline-none"
        >
          <div className="flex h-14 shrink-0 items-center justify-between gap-4 border-b border-slate-200 px-4">
            <D.Title className="min-w-0 text-sm font-semibold">{title}</D.Title>
            <D.Close
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
              aria-label="Close"
            >
              <XIcon size={18} />
            </D.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-3">{children}</div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
