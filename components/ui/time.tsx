"use client";
// The one way a time is shown: in the viewer's time zone, with the exact UTC instant on hover.
// The server cannot know the viewer's zone, so the server render and hydration both use UTC
// (useSyncExternalStore's server snapshot) and the browser switches to its own zone right after:
// the two renders agree and React reports no mismatch. Relative times ("5 minutes ago") depend on
// the clock, which differs between the two renders by a moment; only that text node may differ.
import { useEffect, useState, useSyncExternalStore } from "react";
import {
  type DateInput,
  type DateStyle,
  formatDate,
  formatDateParts,
  formatRelative,
  formatUtc,
  localTimeZone,
  toDate,
} from "@/lib/format";
import { cn } from "./cn";

const never = () => () => {};
const utc = () => "UTC";

/** The viewer's IANA time zone; "UTC" on the server and while hydrating. */
export function useTimeZone() {
  return useSyncExternalStore(never, localTimeZone, utc);
}

/** The current time, refreshed every `everyMs`, for views that count up or down. */
export function useNow(everyMs = 15_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export type TimeFormat = DateStyle | "stacked" | "relative";

/**
 * A time: `datetime` (default), `date`, `time`, `day`; `stacked` (time over date, for narrow
 * table columns); `relative` ("3 days ago", kept current). `fallback` shows when there is no value.
 */
export function Time({
  value,
  format = "datetime",
  fallback = "—",
  className,
}: {
  value: DateInput | null | undefined;
  format?: TimeFormat;
  fallback?: React.ReactNode;
  className?: string;
}) {
  if (value == null || value === "") return <span className="text-slate-500">{fallback}</span>;
  const d = toDate(value);
  if (format === "relative") return <RelativeTime at={d} className={className} />;
  return <AbsoluteTime at={d} format={format} className={className} />;
}

function AbsoluteTime({ at, format, className }: { at: Date; format: DateStyle | "stacked"; className?: string }) {
  const timeZone = useTimeZone();
  const iso = at.toISOString();
  if (format === "stacked") {
    const time = formatDateParts(at, { style: "time", timeZone });
    return (
      <time dateTime={iso} title={formatUtc(at)} className={cn("tabular-nums", className)}>
        <span className="block text-slate-800">
          {time.text} <span className="text-slate-500">{time.zone}</span>
        </span>
        <span className="block text-slate-500">{formatDate(at, { style: "date", timeZone })}</span>
      </time>
    );
  }
  const { text, zone } = formatDateParts(at, { style: format, timeZone });
  return (
    <time dateTime={iso} title={formatUtc(at)} className={cn("whitespace-nowrap tabular-nums", className)}>
      {text}
      {zone && <span className="text-[0.85em] text-slate-500"> {zone}</span>}
    </time>
  );
}

function RelativeTime({ at, className }: { at: Date; className?: string }) {
  const timeZone = useTimeZone();
  const now = useNow();
  const local = formatDateParts(at, { timeZone });
  const utcTitle = formatUtc(at);
  return (
    <time
      dateTime={at.toISOString()}
      title={timeZone === "UTC" ? utcTitle : `${local.text} ${local.zone} · ${utcTitle}`}
      className={cn("tabular-nums", className)}
      suppressHydrationWarning
    >
      {formatRelative(at, now)}
    </time>
  );
}
