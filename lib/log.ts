// Structured server log, one JSON object a line. Everything written goes through lib/redact.ts (the
// same redaction as the event log): secret-named fields and secret-looking values are replaced, and an
// error is logged as its name, codes and causes (a failed query as its Postgres code, condition, table,
// column and constraint), never the query's parameters. Code should never pass secrets here anyway.
import { redact, redactText } from "@/lib/redact";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The line `log` writes, exported for tests. */
export function formatLogLine(level: Level, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({
    t: new Date().toISOString(),
    level,
    msg: redactText(message),
    ...(fields ? (redact(fields) as object) : {}),
  });
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  const min = (process.env.LOG_LEVEL as Level) || "info";
  if (ORDER[level] < (ORDER[min] ?? 20)) return;
  const line = formatLogLine(level, message, fields);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
