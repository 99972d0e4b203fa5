// The one place that turns dates, counts, durations and sizes into words. Pure and drizzle-free: the
// server (event messages, page titles) and the browser (<Time>, tables, charts) share it. Dates take
// an explicit time zone; the browser passes the viewer's, the server and tests pass "UTC" or a fixed one.

export type DateInput = string | number | Date;
export type DateStyle = "datetime" | "date" | "time" | "day";

const LOCALE = "en-GB";
const NUMBER_LOCALE = "en-US";

const DATE_PARTS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  datetime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  date: { year: "numeric", month: "short", day: "numeric" },
  time: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  day: { month: "short", day: "numeric" },
};

// Intl formatters are costly to build and tables format hundreds of cells: keep one per style, zone and zone label.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: DateStyle, timeZone: string, zoneName: boolean) {
  const key = `${style}|${timeZone}|${zoneName}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...DATE_PARTS[style], timeZone, ...(zoneName ? { timeZoneName: "short" } : {}) });
    formatters.set(key, f);
  }
  return f;
}

export const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/** The time zone this runtime reports (the viewer's, in a browser); "UTC" when it reports none. */
export function localTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Date and/or time in `timeZone`, without the zone's name: "4 Dec 2026, 20:27", "4 Dec 2026", "20:27:41", "4 Dec". */
export function formatDate(value: DateInput, { style = "datetime", timeZone }: { style?: DateStyle; timeZone: string }) {
  return formatter(style, timeZone, false).format(toDate(value));
}

/**
 * The same, split into the text and the zone's short name ("UTC", "CET", "GMT-5"), so a view can
 * show the name smaller. Days carry no zone name.
 */
export function formatDateParts(value: DateInput, { style = "datetime", timeZone }: { style?: DateStyle; timeZone: string }) {
  if (style === "day" || style === "date") return { text: formatDate(value, { style, timeZone }), zone: "" };
  const parts = formatter(style, timeZone, true).formatToParts(toDate(value));
  const zone = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  const text = parts
    .filter((p) => p.type !== "timeZoneName")
    .map((p) => p.value)
    .join("")
    .trim();
  return { text, zone };
}

/** The exact instant in UTC, for hover text and logs: "4 Dec 2026, 20:27:41 UTC". */
export function formatUtc(value: DateInput) {
  const d = toDate(value);
  return `${formatDate(d, { style: "date", timeZone: "UTC" })}, ${formatDate(d, { style: "time", timeZone: "UTC" })} UTC`;
}

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "long" });
const STEPS: [limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  [45, "second", 1],
  [45 * 60, "minute", 60],
  [22 * 3600, "hour", 3600],
  [26 * 86_400, "day", 86_400],
  [320 * 86_400, "month", 30.44 * 86_400],
  [Number.POSITIVE_INFINITY, "year", 365.25 * 86_400],
];

/** `at` relative to `now` in words: "now", "5 minutes ago", "in 2 hours", "yesterday", "3 months ago". */
export function formatRelative(at: DateInput, now: DateInput) {
  const diff = (toDate(at).getTime() - toDate(now).getTime()) / 1000;
  const abs = Math.abs(diff);
  // Under 45 s is "now" either way: a few seconds of clock skew should not read "in 3 seconds".
  if (abs < STEPS[0][0]) return relativeFormat.format(0, "second");
  const [, unit, size] = STEPS.find(([limit]) => abs < limit)!;
  return relativeFormat.format(Math.round(diff / size), unit);
}

/** 12345 -> "12,345". */
export const formatCount = (n: number) => n.toLocaleString(NUMBER_LOCALE);

/**
 * A count with its noun, singular or plural: (1, "time") -> "1 time", (3, "time") -> "3 times",
 * (2, "entry", "entries") -> "2 entries". The one way to say "N things" (never "thing(s)").
 */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** 0.25 -> "25%". */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;

/** 950 -> "0.9 s", 65_000 -> "1 min 5 s", 3_720_000 -> "1 h 2 min"; null -> "—". */
export function formatDuration(ms: number | null | undefined) {
  if (ms == null) return "—";
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

/** A schedule in minutes: 90 -> "1 h 30 min", 1440 -> "1 day", 15 -> "15 min". */
export function formatInterval(minutes: number) {
  if (minutes % 1440 === 0) return minutes === 1440 ? "1 day" : `${minutes / 1440} days`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;
/** Binary multiples with the usual short names: 512 -> "512 B", 1536 -> "1.5 KB", 10 * 2**20 -> "10 MB". */
export function formatBytes(bytes: number) {
  let n = bytes;
  let i = 0;
  while (Math.abs(n) >= 1024 && i < BYTE_UNITS.length - 1) {
    n /= 1024;
    i++;
  }
  const digits = i === 0 || Math.abs(n) >= 10 ? 0 : 1;
  return `${Number(n.toFixed(digits)).toLocaleString(NUMBER_LOCALE)} ${BYTE_UNITS[i]}`;
}
