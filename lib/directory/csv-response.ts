// The HTTP shape of a CSV download.
export function csvResponse({ filename, stream }: { filename: string; stream: ReadableStream<Uint8Array> }) {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
