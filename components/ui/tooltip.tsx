"use client";
// A tooltip on Radix: shown on hover and on keyboard focus, dismissed with Escape, and linked to its
// trigger with aria-describedby (a `title` attribute is neither focusable nor reliably announced).
import * as T from "@radix-ui/react-tooltip";
import { cn } from "./cn";

/**
 * `children` is the trigger and must be focusable (a button, a link, or an element with
 * tabIndex={0}) so keyboard users can reach the tip.
 */
export function Tooltip({
  content,
  children,
  side = "top",
  className,
}: {
  content: React.ReactNode;
  children: React.ReactElement;
  side?: "top" | "bottom" | "left" | "right";
  className?: string;
}) {
  return (
    // Each tooltip carries its own provider, so no page has to remember to mount one.
    <T.Provider delayDuration={300}>
      <T.Root>
        <T.Trigger asChild>{children}</T.Trigger>
        <T.Portal>
          <T.Content
            side={side}
            sideOffset={6}
            collisionPadding={8}
            className={cn("z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-snug text-white shadow-md", className)}
          >
            {content}
            <T.Arrow className="fill-slate-900" />
          </T.Content>
        </T.Portal>
      </T.Root>
    </T.Provider>
  );
}
