// The console's Okta event hook endpoint (app/api/hooks/okta/[id]) served over real HTTP, as Next
// would serve it, so the emulator can verify and deliver to it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as hookRoute from "@/app/api/hooks/okta/[id]/route";

export async function startHookServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  let origin = "";
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const id = (req.url ?? "").split("/").pop()!.split("?")[0];
    const request = new Request(`${origin}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const handler = req.method === "GET" ? hookRoute.GET : hookRoute.POST;
    const out = await handler(request, { params: Promise.resolve({ id }) });
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((r) => server.close(() => r())) };
}
