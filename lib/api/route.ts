// The one wrapper for every /api route handler: authenticate, build the verb's ctx, parse input with
// zod, run, parse the output when the route has a response contract, map errors.
import { NextResponse } from "next/server";
import { type ZodType, z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { type Ctx, type PublicCtx, publicCtx, userCtx } from "@/lib/context";
import { AppError, errorBody } from "@/lib/errors";
import { log } from "@/lib/log";

type Access = "public" | "viewer" | "admin";

/** Public routes get a ctx without an actor; every other route a signed-in one. */
export type CtxOf<A extends Access> = A extends "public" ? PublicCtx : Ctx;

interface RouteOptions<A extends Access, P, Q, B, O extends ZodType> {
  access: A;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** The response contract: what the handler returns is parsed with it (a Response passes as is). */
  output?: O;
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes?: number;
}

export interface RouteArgs<C, P, Q, B> {
  ctx: C;
  req: Request;
  params: P;
  query: Q;
  body: B;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function json(data: unknown, status = 200, headers?: Record<string, string>) {
  return NextResponse.json(data, { status, headers });
}

/** Formats zod issues as "field: message" so a 4xx names the field. */
export function validationError(error: z.ZodError, where: "body" | "query" | "path") {
  const fields = error.issues.map((i) => ({ field: i.path.join(".") || where, message: i.message }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new AppError("VALIDATION", `Invalid ${where}: ${summary}`, { fields });
}

export function parseInput<T>(schema: ZodType<T>, value: unknown, where: "body" | "query" | "path"): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const text = await req.text();
  if (text.length === 0) return undefined;
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `Request body is larger than ${maxBytes} bytes`);
  if (!/json/i.test(type)) throw new AppError("VALIDATION", "Send the request body as JSON (Content-Type: application/json)");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON");
  }
}

export function toErrorResponse(err: unknown, req?: Request) {
  if (err instanceof AppError) return json(errorBody(err), err.status, err.headers);
  // Unknown errors: log the cause server-side, answer generically.
  log.error("unhandled error in route", { path: req ? new URL(req.url).pathname : undefined, error: err });
  return json(errorBody(new AppError("INTERNAL", "Something went wrong on our side. The error has been logged.")), 500);
}

export function route<
  A extends Access,
  P = Record<string, never>,
  Q = Record<string, never>,
  B = undefined,
  O extends ZodType = ZodType<unknown>,
>(options: RouteOptions<A, P, Q, B, O>, handler: (args: RouteArgs<CtxOf<A>, P, Q, B>) => Promise<Response | z.input<O>>) {
  return async (req: Request, context?: RouteContext): Promise<Response> => {
    try {
      const ctx = (options.access === "public" ? publicCtx() : userCtx(await requireActor(req))) as CtxOf<A>;
      if (options.access === "admin" && (ctx as Ctx).actor.role !== "admin") {
        throw new AppError("FORBIDDEN", "Only admins can do this; your role is viewer");
      }
      const rawParams = context?.params ? await context.params : {};
      const params = options.params ? parseInput(options.params, rawParams, "path") : (rawParams as P);
      const url = new URL(req.url);
      const query = options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "query") : ({} as Q);
      let body = undefined as B;
      if (options.body) {
        const raw = await readJson(req, options.maxBodyBytes ?? 256 * 1024);
        body = parseInput(options.body, raw ?? {}, "body");
      }
      const result = await handler({ ctx, req, params, query, body });
      if (result instanceof Response) return result;
      // A result that breaks its contract is our bug: it becomes a logged 500, never a leak.
      return json((options.output ? options.output.parse(result) : result) ?? { ok: true });
    } catch (err) {
      return toErrorResponse(err, req);
    }
  };
}

/** Cursor pagination contract shared by every list: `{ items, nextCursor }`. */
export const cursorQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
