// Reads the wizard's NDJSON answer line by line, so each check shows the moment it finishes.
import { ApiError } from "@/lib/api/client";
import { NDJSON, type StreamLine, streamLine } from "@/lib/diagnostics/contracts";

export async function streamDiagnostics(path: string, body: unknown, onLine: (line: StreamLine) => void, signal?: AbortSignal) {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { accept: NDJSON, "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK", "Could not reach the console server. Check your connection and try again.");
  }
  if (!res.ok || !res.body) {
    const e = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(
      res.status,
      e?.error?.code ?? `HTTP_${res.status}`,
      e?.error?.message ?? `The checks could not start (HTTP ${res.status}).`,
      e?.error?.details,
    );
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  for (;;) {
    const { done, value } = await reader.read();
    buf += decoder.decode(value, { stream: !done });
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) onLine(streamLine.parse(JSON.parse(line)));
    }
    if (done) break;
  }
}
