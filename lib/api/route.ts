// The one wrapper for every /api route handler: authenticate, build the verb's ctx, parse input with
// zod, run, parse the output when the route has a response contract, map errors.
import { NextResponse } from "next/server";
import { type ZodType, z } from "zod";
import { canOperate, notAdminError, notOperatorError, requireActor } from "@/lib/auth/actor";
import { type Ctx, type PublicCtx, publicCtx, userCtx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { AppError, errorBody } from "@/lib/errors";
import { log } from "@/lib/log";
import { readCappedBody } from "./read-capped-body";
import { findBadText } from "./safe-input";

/** public: anyone; viewer: any signed-in caller; operator: operators and admins; admin: admins. */
type Access = "public" | "viewer" | "operator" | "admin";

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
  /** Open to a session whose password must still be changed (the change itself, who-am-I). */
  beforePasswordChange?: boolean;
  /** Open to a session that must still set up TOTP (the set-up itself, who-am-I). */
  beforeTotpEnrolment?: boolean;
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
  // Before zod, so no schema can forget it: a string Postgres cannot store is a 400, never a 500.
  const bad = findBadText(value);
  if (bad) {
    const field = bad.path.join(".") || where;
    throw new AppError("VALIDATION", `Invalid ${where}: ${field}: ${bad.message}`, { fields: [{ field, message: bad.message }] });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

/** The media type alone, without parameters: `Application/JSON; charset=utf-8` is `application/json`. */
function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  // Counted as it streams: a large body is dropped at the cap, not read whole first.
  const text = new TextDecoder().decode(await readCappedBody(req, maxBytes));
  if (text.length === 0) return undefined;
  // Exactly application/json: a form or `text/plain;charset=json` is what a cross-site page can send without a preflight.
  if (mediaType(req.headers.get("content-type")) !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json)");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON");
  }
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether `origin` is the console itself: PUBLIC_URL's origin, or the host the request was sent to
 * (which the browser sets, so a page elsewhere cannot fake it; the scheme is left out because a
 * TLS-terminating proxy forwards https as http).
 */
function isConsoleOrigin(origin: string, req: Request): boolean {
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl && new URL(publicUrl).origin === origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
  return host === (req.headers.get("host") ?? new URL(req.url).host);
}

/**
 * A cookie rides along on any request the browser makes, even from a same-site page on another port
 * or subdomain, so a change made with a session must come from the console's own pages. Browsers send
 * Origin on every non-GET fetch and form post; Sec-Fetch-Site covers one that leaves it out.
 */
function assertSameOrigin(req: Request) {
  if (!MUTATING.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin ? isConsoleOrigin(origin, req) : req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError(
    "FORBIDDEN",
    origin
      ? `Changes made with a session must come from the console's own pages; this request came from ${origin.slice(0, 200)}`
      : "Changes made with a session must come from the console's own pages, and this request has no Origin header. Scripts should use an API key.",
  );
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
  const run = async (req: Request, context?: RouteContext): Promise<Response> => {
    try {
      const ctx = (options.access === "public" ? publicCtx() : userCtx(await requireActor(req))) as CtxOf<A>;
      if (options.access === "admin" && (ctx as Ctx).actor.role !== "admin") throw notAdminError((ctx as Ctx).actor);
      if (options.access === "operator" && !canOperate((ctx as Ctx).actor)) throw notOperatorError((ctx as Ctx).actor);
      // API keys are sent deliberately by their holder, so only a session (cookie) needs the origin check.
      if (ctx.actor?.via === "session") assertSameOrigin(req);
      if (ctx.actor?.mustChangePassword && !options.beforePasswordChange) {
        throw new AppError("FORBIDDEN", "Choose a new password first: your password was generated at set-up (POST /api/me/password).", {
          reason: "PASSWORD_CHANGE_REQUIRED",
        });
      }
      if (ctx.actor?.mustEnrolTotp && !options.beforeTotpEnrolment) {
        throw new AppError(
          "FORBIDDEN",
          "Set up two-factor authentication first: this workspace requires a code from an authenticator app after the password (POST /api/me/totp/enrolment).",
          { reason: "TOTP_ENROLMENT_REQUIRED" },
        );
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
  // The declared inputs ride on the handler, so the route fuzz test walks every field of every route.
  const inputs: RouteInputs = { params: options.params, query: options.query, body: options.body };
  return Object.assign(run, { inputs });
}

export interface RouteInputs {
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
}

/** Cursor pagination contract shared by every list: `{ items, nextCursor }`. */
export const cursorQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
