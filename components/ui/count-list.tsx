import Link from "next/link";
import { formatCount } from "@/lib/format";
import { cn } from "./cn";

/** A titled list of `CountLine`s: one group of the identity-hygiene numbers. */
export function CountGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h3>
      <ul className="mt-1 divide-y divide-slate-100">{children}</ul>
    </div>
  );
}

/**
 * A label and its count, the count a link to what it counts. `tone` colours a count above zero.
 * `strong` is the home dashboard's heavier figure (read from across a room on a wall screen).
 */
export function CountLine({
  label,
  hint,
  value,
  href,
  tone,
  testId,
  strong = false,
}: {
  label: string;
  hint?: string;
  value: number;
  href: string;
  tone?: "warning" | "danger";
  testId: string;
  strong?: boolean;
}) {
  return (
    <li className="flex items-baseline justify-between gap-3 py-1.5 text-sm">
      <span className="min-w-0 text-slate-600">
        {label}
        {hint && <span className="block text-xs text-slate-500">{hint}</span>}
      </span>
      <Link
        href={href}
        data-testid={testId}
        className={cn(
          "tabular-nums hover:underline",
          strong ? "font-semibold" : "font-medium hover:text-brand-700",
          value > 0 && tone === "danger" ? "text-red-700" : value > 0 && tone === "warning" ? "text-amber-700" : "text-slate-900",
        )}
      >
        {formatCount(value)}
      </Link>
    </li>
  );
}
