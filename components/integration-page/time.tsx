"use client";
// Relative times ("5 min ago") that stay current while the page is open. The server renders them
// too, a moment earlier than the browser, so the text may differ by a tick on hydration.
import { useEffect, useState } from "react";
import { formatRelative } from "@/lib/overview/format";

export function useNow(everyMs = 15_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function Relative({ value, className }: { value: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!value) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={value} title={value} className={className} suppressHydrationWarning>
      {formatRelative(value, now)}
    </time>
  );
}
