import { cn } from "./cn";

/** A labelled number (or short value) with an optional hint line. */
export function StatCard({
  label,
  value,
  hint,
  tone = "neutral",
  className,
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  tone?: "neutral" | "success" | "warning" | "danger";
  className?: string;
}) {
  const valueTone = { neutral: "text-slate-900", success: "text-emerald-700", warning: "text-amber-700", danger: "text-red-700" }[tone];
  return (
    <div className={cn("rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs", className)}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={cn("mt-1 text-2xl font-semibold tabular-nums", valueTone)}>{value}</dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
