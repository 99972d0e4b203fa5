// Reads a request body up to a size: route()'s JSON reader, Auth.js's endpoint and event hook deliveries.
// A declared Content-Length over the cap is refused before a byte is read; a body without one (or
// with a false one: chunked uploads) is counted as it streams and dropped the moment it goes over.
import { AppError } from "@/lib/errors";

export function tooLarge(what: string, maxBytes: number) {
  const size = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / (1024 * 1024)} MB` : `${maxBytes} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `${what} is larger than ${size} and was refused.`, { maxBytes });
}

export function readCappedBody(req: Request, maxBytes: number, what = "The request body"): Promise<Uint8Array<ArrayBuffer>> {
  return readCappedStream(req.body, req.headers.get("content-length"), maxBytes, what);
}

/** The same for a body stream and its declared length, for a verb handed the stream. */
export async function readCappedStream(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  maxBytes: number,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(contentLength);
  if (contentLength && Number.isFinite(declared) && declared > maxBytes) throw tooLarge(what, maxBytes);
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
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
