// How a wizard run is answered: the whole `{ checks, ... }` as JSON for automation, or, when the client
// sends Accept: application/x-ndjson, one line per check as it finishes so the wizard shows live progress.
import { log } from "@/lib/log";
import { NDJSON, type StreamLine } from "./contracts";
import type { DiagnosticsSession } from "./session";

export async function respondWithDiagnostics(req: Request, session: DiagnosticsSession): Promise<Response | unknown> {
  if (!(req.headers.get("accept") ?? "").includes(NDJSON)) return session.run();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (line: StreamLine) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          open = false; // the browser went away; the run still finishes and is logged
        }
      };
      write({ type: "plan", symptom: session.symptom, checks: session.plan });
      try {
        await session.run(write);
      } catch (error) {
        log.error("diagnostics run failed", { error });
        write({
          type: "error",
          error: { code: "INTERNAL", message: "The checks stopped because of an internal error; it has been logged on the server." },
        });
      }
      if (open) controller.close();
    },
  });
  // no-transform: a compressing proxy (or Next's own gzip) must not hold lines back.
  return new Response(stream, {
    status: 200,
    headers: { "content-type": `${NDJSON}; charset=utf-8`, "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
