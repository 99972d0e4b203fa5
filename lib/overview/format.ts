// Plain-words formatting shared by the server (event messages) and the page. Client-safe.

/** 90 -> "1 h 30 min", 1440 -> "1 day", 15 -> "15 min". */
export function formatInterval(minutes: number) {
  if (minutes % 1440 === 0) return minutes === 1440 ? "1 day" : `${minutes / 1440} days`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}

/** 950 -> "0.9 s", 65_000 -> "1 min 5 s", 3_720_000 -> "1 h 2 min". */
export function formatDuration(ms: number | null | undefined) {
  if (ms == null) return "—";
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

/** A time relative to `now`: "just now", "5 min ago", "in 2 h", "3 days ago". */
export function formatRelative(at: string | Date, now: number) {
  const diff = new Date(at).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff < 0 || abs < 5_000 ? "just now" : "in under a minute";
  const [n, unit] =
    abs < 3_600_000
      ? [Math.round(abs / 60_000), "min"]
      : abs < 86_400_000
        ? [Math.round(abs / 3_600_000), "h"]
        : [Math.round(abs / 86_400_000), abs < 2 * 86_400_000 ? "day" : "days"];
  return diff < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

export const formatShare = (share: number) => `${Math.round(share * 100)}%`;
export const formatCount = (n: number) => n.toLocaleString("en-US");
