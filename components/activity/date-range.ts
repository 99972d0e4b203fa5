// The Activity page's date filter: a day picked in the viewer's time zone becomes an instant for the
// API (from: that day's first moment; to: the next day's, since `to` is exclusive), and back.
// The zone is the browser's own or "UTC" (the server render and hydration; lib/format, <Time>).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a day starts in `timeZone` ("UTC" or the runtime's own zone); null for anything else. */
export function dayStart(day: string, timeZone: string, plusDays = 0): string | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays];
  const at = timeZone === "UTC" ? new Date(Date.UTC(y, mo, d)) : new Date(y, mo, d);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The day (YYYY-MM-DD) an instant falls on in `timeZone`; "" when it is not a date. */
export function dayOf(instant: string, timeZone: string, minusMs = 0): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return "";
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(t - minusMs));
}

/** The API's `from` for a picked first day. */
export const fromDay = (day: string, timeZone: string) => (day ? (dayStart(day, timeZone) ?? "") : "");
/** The API's `to` (exclusive) for a picked last day: the next day's start. */
export const toDay = (day: string, timeZone: string) => (day ? (dayStart(day, timeZone, 1) ?? "") : "");
/** The first day a `from` covers. */
export const dayOfFrom = (from: string, timeZone: string) => (from ? dayOf(from, timeZone) : "");
/** The last day a `to` covers (the moment before it). */
export const dayOfTo = (to: string, timeZone: string) => (to ? dayOf(to, timeZone, 1) : "");
