// Building blocks of the person, group and app pages.
import { buttonClass, ExternalIcon } from "@/components/ui";

/** A link to the same object in the Okta Admin Console, opened in a new tab. */
export function OktaLink({ href, label = "Open in Okta" }: { href: string; label?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={buttonClass("secondary")}>
      {label}
      <ExternalIcon size={14} />
    </a>
  );
}

/** Label/value pairs in a responsive grid; empty values show a dash. */
export function Facts({ items, columns = 2 }: { items: [string, React.ReactNode][]; columns?: 1 | 2 | 3 }) {
  const cols = { 1: "sm:grid-cols-1", 2: "sm:grid-cols-2", 3: "sm:grid-cols-3" }[columns];
  return (
    <dl className={`grid grid-cols-1 gap-x-6 gap-y-4 ${cols}`}>
      {items.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
          <dd className="mt-1 truncate text-sm text-slate-800">
            {value === null || value === undefined || value === "" ? <span className="text-slate-500">—</span> : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A short, quiet line inside a card when a section has nothing to list. */
export function Quiet({ children }: { children: React.ReactNode }) {
  return <p className="px-5 py-6 text-center text-sm text-slate-500">{children}</p>;
}
