// Reads a request body up to a size, for handlers that cannot go through route()'s JSON reader.
// A declared Content-Length over the cap is refused before a byte is read; a body without one (or
// with a false one: chunked uploads) is counted as it streams and dropped the moment it goes over.
import { AppError } from "@/lib/errors";

export function tooLarge(what: string, maxBytes: number) {
  const size = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / (1024 * 1024)} MB` : `${maxBytes} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `${what} is larger than ${size} and was refused.`, { maxBytes });
}

export async function readCappedBody(req: Request, maxBytes: number, what = "The request body"): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(what, maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(what, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
