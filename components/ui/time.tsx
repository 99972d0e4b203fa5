// Dates render on the server and the client; format in UTC with a fixed locale so both agree.
const fmt = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** An absolute time (UTC) with the ISO value as tooltip; "—" when missing. */
export function Time({ value }: { value: string | Date | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className="whitespace-nowrap tabular-nums">
      {fmt.format(d)} <span className="text-[0.85em] text-slate-400">UTC</span>
    </time>
  );
}
