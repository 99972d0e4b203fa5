// "3 days ago", with the exact UTC time on hover. The text depends on the clock, so the server render
// and the browser may disagree by a minute; suppressHydrationWarning accepts that.
const exact = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

function ago(d: Date, now: number) {
  const mins = Math.round((now - d.getTime()) / 60_000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} min ago`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 45) return `${days} day${days === 1 ? "" : "s"} ago`;
  const months = Math.round(days / 30.4);
  if (months < 18) return `${months} month${months === 1 ? "" : "s"} ago`;
  return `${Math.round(days / 365)} years ago`;
}

export function RelativeTime({ value, never = "—" }: { value: Date | null | undefined; never?: string }) {
  if (!value) return <span className="text-slate-400">{never}</span>;
  return (
    <time
      dateTime={value.toISOString()}
      title={`${exact.format(value)} UTC`}
      className="text-slate-700 tabular-nums"
      suppressHydrationWarning
    >
      {ago(value, Date.now())}
    </time>
  );
}
