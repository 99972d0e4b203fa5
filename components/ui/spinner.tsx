import { cn } from "./cn";

/** A spinning ring with an accessible label. */
export function Spinner({ label = "Loading", size = 16, className }: { label?: string; size?: number; className?: string }) {
  return (
    <span role="status" className={cn("inline-flex items-center gap-2 text-sm text-slate-500", className)}>
      <span
        style={{ width: size, height: size }}
        className="animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
        aria-hidden="true"
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
