// Everything the code under test prints in this process, for tests that search the server output
// (for secrets, for a deadlock). lib/log.ts writes through console.*, which vitest intercepts and
// forwards to the runner over RPC: a patch of process.stdout.write alone never sees a log line. So
// this captures at both places: the console methods and the process streams. Output still reaches
// the terminal as before.
import { format } from "node:util";

const METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

export interface CapturedOutput {
  /** Everything captured since `from` (a value of `mark()`), one entry per write. */
  text(from?: number): string;
  /** The position to pass to `text()` or `lines()` for what comes after now. */
  mark(): number;
  /** The structured log lines (lib/log.ts's JSON) captured since `from`, parsed. */
  lines(from?: number): Record<string, unknown>[];
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const restore: (() => void)[] = [];
  for (const method of METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      chunks.push(format(...args));
      original.apply(console, args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  return {
    text: (from = 0) => chunks.slice(from).join("\n"),
    mark: () => chunks.length,
    lines: (from = 0) =>
      chunks
        .slice(from)
        .flatMap((c) => c.split("\n"))
        .flatMap((l) => {
          if (!l.startsWith("{")) return [];
          try {
            const v = JSON.parse(l) as unknown;
            return v && typeof v === "object" && "level" in v && "msg" in v ? [v as Record<string, unknown>] : [];
          } catch {
            return [];
          }
        }),
    restore: () => {
      for (const r of restore.reverse()) r();
    },
  };
}
