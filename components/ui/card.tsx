import { cn } from "./cn";

/** A white panel with a border. */
export function Card({ className, ...rest }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-lg border border-slate-200 bg-white shadow-xs", className)} {...rest} />;
}

/**
 * Card title row with an optional description and actions on the right. On a narrow card the actions
 * wrap below the title rather than squeezing the description into a column of single words.
 */
export function CardHeader({
  title,
  description,
  actions,
  className,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      data-slot="card-header"
      className={cn("flex flex-wrap items-start justify-between gap-x-4 gap-y-3 border-b border-slate-200 px-4 py-4 sm:px-5", className)}
    >
      <div className="min-w-[min(100%,16rem)] flex-1">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {/* Long identifiers (a key id, a URL) break rather than widen the card. */}
        {description && <p className="mt-0.5 text-sm break-words text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex max-w-full flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

/** Padded card content. */
export function CardBody({ className, ...rest }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-4 py-4 sm:px-5", className)} {...rest} />;
}
