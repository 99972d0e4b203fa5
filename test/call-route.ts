// Calls a Next.js route handler in-process, the way Next does: a Request for the path and the route's
// params as a promise. Integration tests drive the API through this one helper.
export type RouteHandler = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallRouteOptions {
  /** API key sent as `Authorization: Bearer …`; leave out for an anonymous request. */
  key?: string | null;
  method?: string;
  /** A string is sent as is, anything else as JSON; either way with `Content-Type: application/json`. */
  body?: unknown;
  /** The dynamic segments of the route, e.g. `{ id }` for `/api/integrations/[id]`. */
  params?: Record<string, string>;
  /** Extra headers; they override the ones above. */
  headers?: HeadersInit;
}

export function callRoute(handler: RouteHandler, path: string, opts: CallRouteOptions = {}): Promise<Response> {
  const headers = new Headers();
  if (opts.key) headers.set("authorization", `Bearer ${opts.key}`);
  if (opts.body !== undefined && opts.body !== null) headers.set("content-type", "application/json");
  new Headers(opts.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  const body =
    opts.body === undefined || opts.body === null ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const req = new Request(new URL(path, "http://localhost"), { method: opts.method ?? "GET", headers, body });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}
