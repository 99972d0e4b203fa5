// The action.execute job: runs an approved (or policy-free) request, target by target, in order.
//
// The target rows are the state machine, so the job is safe to run again after a worker died:
//   queued  → running (fresh read, state re-checked: refused if it no longer allows the action)
//           → attempts + 1, committed BEFORE the call is sent
//           → the call (through the integration's client: its rate-limit governor, and retries of
//             idempotent calls on 5xx / 429 / timeouts)
//           → succeeded | failed (Okta's status, errorCode, errorSummary, errorId) | skipped (already so)
//   running with attempts > 0 when a job starts: the call may have been sent and its answer was never
//           recorded. It is treated as an unknown outcome, never sent again blindly.
// An unknown outcome (the connection lost or timed out after sending, a 5xx to a call that is not safe
// to repeat, or a refusal after a retry of one that is) is resolved from Okta's state: the target is
// read again and judged (after suspend, SUSPENDED means it happened); when the state cannot tell
// (resending an activation, resetting factors), the System Log is asked for the action's event.
// Idempotent kinds whose outcome is still unknown are simply sent again: that is what idempotent means.
//
// Every attempt, Okta's answer and the state before and after go to the audit log (lib/audit). A
// one-time link (activation or password reset without email) is sealed into the target (secret_sealed)
// and revealed once through the request. After each action the local copy is updated from Okta at once
// (refresh-target.ts). Two jobs for one request never run at once: a session advisory lock is held for
// the run (a killed worker's connection drops it).
import { and, asc, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import { type ActionRequestRow, type ActionTargetRow, actionRequests, actionTargets, integrations } from "@/db/schema";
import { type AuditEntryInput, appendAudit } from "@/lib/audit/append-audit";
import { seal } from "@/lib/crypto/seal";
import { allowedActionsFor, grantedManageScopes, whyNotAllowed } from "@/lib/integrations/allowed-actions";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { log } from "@/lib/log";
import type { OktaClient } from "@/lib/okta/client";
import { OktaApiError } from "@/lib/okta/errors";
import { checkTargetState, type StateCheck, type TargetState } from "./check-target-state";
import { ACTION_KIND_INFO, type ActionTarget, oktaCallFor, parseActionParams } from "./kinds";
import { readTarget } from "./read-target";
import { refreshTarget } from "./refresh-target";

/** A project-wide namespace for this lock (append-audit.ts uses 724015). */
export const EXECUTE_LOCK = 724016;

/** The additional data a target's sealed one-time secret is bound to. */
export const targetSecretAad = (requestId: string, seq: number) => `action_target:${requestId}:${seq}`;

export type LoadActionClient = (integrationId: string, opts: { extraScopes: string[] }) => Promise<OktaClient>;

export interface ExecuteOptions {
  signal?: AbortSignal;
  loadClient?: LoadActionClient;
  /** Waits before the System Log is asked about an unknown outcome (it trails by a few seconds). */
  logWaitsMs?: number[];
}

const SYSTEM = { actorUserId: null, actorLabel: "system" } as const;
const OKTA = { actorUserId: null, actorLabel: "Okta" } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = "done" | "not_done" | "unknown";

/** Whether Okta's state after the call shows the action took effect. */
export function effectOf(kind: ActionKind, s: TargetState, params: unknown): Outcome {
  const u = s.user;
  switch (kind) {
    case "user.create":
      return s.loginTaken ? "done" : "not_done";
    case "user.suspend":
      return u?.status === "SUSPENDED" ? "done" : "not_done";
    case "user.unsuspend":
      return u?.status === "ACTIVE" ? "done" : "not_done";
    case "user.unlock":
      return u && u.status !== "LOCKED_OUT" ? "done" : "not_done";
    case "user.deactivate":
      return u?.status === "DEPROVISIONED" ? "done" : "not_done";
    case "user.delete":
      return u === null ? "done" : "not_done";
    case "user.activate":
      return u && u.status !== "STAGED" && u.status !== "DEPROVISIONED" ? "done" : "not_done";
    case "user.reset_password":
      return u?.status === "RECOVERY" ? "done" : "not_done";
    case "user.expire_password":
      return u?.status === "PASSWORD_EXPIRED" ? "done" : "not_done";
    case "user.update_profile": {
      const changes = (params as { profile?: Record<string, unknown> }).profile ?? {};
      return u && Object.entries(changes).every(([k, v]) => v === undefined || (u.profile[k] ?? null) === v) ? "done" : "not_done";
    }
    case "group.add_member":
      return s.member ? "done" : "not_done";
    case "group.remove_member":
      return s.member === false ? "done" : "not_done";
    case "app.assign_user":
      return s.appUser?.scope === "USER" ? "done" : "not_done";
    case "app.unassign_user":
      return !s.appUser || s.appUser.scope === "GROUP" ? "done" : "not_done";
    case "app.assign_group":
      return s.appGroup ? "done" : "not_done";
    case "app.unassign_group":
      return s.appGroup ? "not_done" : "done";
    // Nothing in the object's state tells: a new activation link, factors gone, sessions ended.
    case "user.reactivate":
    case "user.reset_factors":
    case "user.revoke_sessions":
      return "unknown";
  }
}

/** The JSON a target's state is kept as (before / after): what the person, group, app and link looked like. */
function snapshot(s: TargetState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.user !== undefined)
    out.user = s.user && {
      id: s.user.id,
      status: s.user.status,
      login: s.user.login,
      email: s.user.email,
      name: s.user.name,
      ...(s.user.transitioningToStatus ? { transitioningToStatus: s.user.transitioningToStatus } : {}),
    };
  if (s.group !== undefined) out.group = s.group;
  if (s.app !== undefined) out.app = s.app;
  if (s.member !== undefined) out.member = s.member;
  if (s.appUser !== undefined) out.appUser = s.appUser;
  if (s.grantingGroups !== undefined) out.grantingGroups = s.grantingGroups;
  if (s.appGroup !== undefined) out.appGroup = s.appGroup;
  if (s.loginTaken !== undefined) out.loginTaken = s.loginTaken;
  return out;
}

const targetOf = (t: Pick<ActionTargetRow, "userId" | "groupId" | "appId">): ActionTarget => ({
  userId: t.userId,
  groupId: t.groupId,
  appId: t.appId,
});
const auditTargetOf = (t: ActionTargetRow) => ({ seq: t.seq, userId: t.userId, groupId: t.groupId, appId: t.appId, label: t.label });

/** Okta's one-time values in an answer, sealed; the rest of the answer is not kept. */
function secretOf(kind: ActionKind, body: unknown): Record<string, string> | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  const pick = (...keys: string[]) => {
    const o: Record<string, string> = {};
    for (const k of keys) if (typeof b[k] === "string" && b[k]) o[k] = b[k] as string;
    return Object.keys(o).length ? o : null;
  };
  if (kind === "user.activate" || kind === "user.reactivate") return pick("activationUrl", "activationToken");
  if (kind === "user.reset_password") return pick("resetPasswordUrl");
  return null;
}

/** Whether a failed call may nonetheless have taken effect in Okta. */
function outcomeUnknown(e: OktaApiError, idempotent: boolean, retried: boolean): boolean {
  if (e.kind === "network") return !["refused", "dns", "tls", "blocked", "redirect"].includes(e.networkReason ?? "other");
  // 503: Okta did not process it. Other 5xx to a call that is not safe to repeat: it may have.
  if (e.status >= 500 && e.status !== 503 && !idempotent) return true;
  // A refusal after a retry: the first attempt may have done it (a second DELETE of a membership is a 404).
  return retried && e.status >= 400 && e.status < 500 && e.status !== 429;
}

export async function executeAction(requestId: string, opts: ExecuteOptions = {}): Promise<{ status: string }> {
  const conn = await getDb().$client.reserve();
  try {
    const [{ locked }] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(${EXECUTE_LOCK}, hashtext(${requestId})) as locked`;
    // Another worker runs this request right now; it finishes it.
    if (!locked) return { status: "running_elsewhere" };
    try {
      return await run(requestId, opts);
    } finally {
      await conn`select pg_advisory_unlock(${EXECUTE_LOCK}, hashtext(${requestId}))`.catch(() => {});
    }
  } finally {
    conn.release();
  }
}

async function run(requestId: string, opts: ExecuteOptions): Promise<{ status: string }> {
  const db = getDb();
  const request = await db.transaction(async (tx) => {
    const [r] = await tx.select().from(actionRequests).where(eq(actionRequests.id, requestId)).for("update");
    if (!r || (r.status !== "queued" && r.status !== "running")) return r ?? null;
    if (r.status === "queued") {
      const [started] = await tx
        .update(actionRequests)
        .set({ status: "running", startedAt: r.startedAt ?? new Date() })
        .where(eq(actionRequests.id, requestId))
        .returning();
      return started;
    }
    return r;
  });
  if (!request) return { status: "not_found" };
  if (request.status !== "running") return { status: request.status };

  const [integration] = await db.select().from(integrations).where(eq(integrations.id, request.integrationId));
  const kind = request.kind;
  const audit = (entries: AuditEntryInput[], tx: DbOrTx = db) =>
    appendAudit(
      tx,
      request.workspaceId,
      entries.map((e) => ({ kind, requestId, integrationId: request.integrationId, ...e })),
    );

  const targets = await db.select().from(actionTargets).where(eq(actionTargets.requestId, requestId)).orderBy(asc(actionTargets.seq));
  const parsed = parseActionParams(kind, request.params);
  // Refused before any call: the credentials no longer allow it (actions turned off, a scope gone), or
  // the stored parameters do not parse (they did when requested).
  const notAllowed = !integration
    ? "The integration was removed."
    : !allowedActionsFor(integration).has(kind)
      ? whyNotAllowed(integration, kind)
      : !parsed.success
        ? `The request's parameters are not valid any more: ${parsed.error.issues[0]?.message}`
        : null;

  let client: OktaClient | null = null;
  if (!notAllowed) {
    try {
      const load = opts.loadClient ?? ((id, o) => loadOktaClient(id, o));
      client = await load(integration!.id, { extraScopes: grantedManageScopes(integration!) });
    } catch (e) {
      log.warn("action: could not load the Okta client", { requestId, error: e });
      await failRemaining(request, targets, `The integration cannot call Okta: ${e instanceof Error ? e.message : "unknown error"}`, audit);
      return finish(request);
    }
  }
  if (notAllowed || !client) {
    await failRemaining(request, targets, notAllowed ?? "The integration cannot call Okta.", audit);
    return finish(request);
  }
  const params = parsed.success ? parsed.data : {};

  for (const t of targets) {
    if (t.status === "succeeded" || t.status === "failed" || t.status === "skipped") continue;
    if (opts.signal?.aborted) throw new Error("Worker shutting down; the request resumes in the next job");
    // A request cancelled while running stops before its next target.
    const [now] = await db.select({ status: actionRequests.status }).from(actionRequests).where(eq(actionRequests.id, requestId));
    if (now?.status !== "running") break;
    try {
      await runTarget({ request, integration: integration!, client, t, params, audit, opts });
    } catch (e) {
      // Reading the target or writing the local copy failed (Okta unreachable past retries, a database
      // error): the target is failed with what is known, the batch goes on.
      log.warn("action target failed", { requestId, seq: t.seq, error: e });
      const ok = e instanceof OktaApiError ? e : null;
      await settle(
        request,
        t,
        {
          status: "failed",
          oktaStatus: ok?.status || null,
          errorCode: ok?.errorCode ?? (ok ? `http_${ok.status}` : "execution_error"),
          errorSummary: ok ? (ok.errorSummary ?? ok.message) : "The action could not be completed (see the server log).",
          errorId: ok?.errorId ?? null,
        },
        audit,
      );
    }
  }
  return finish(request);
}

type Audit = (entries: AuditEntryInput[], tx?: DbOrTx) => Promise<unknown>;

interface Settle {
  status: "succeeded" | "failed" | "skipped";
  oktaStatus?: number | null;
  errorCode?: string | null;
  errorSummary?: string | null;
  errorId?: string | null;
  stateBefore?: unknown;
  stateAfter?: unknown;
  result?: Record<string, unknown> | null;
  secretSealed?: string | null;
  userId?: string | null;
  label?: string;
}

/** Records a target's outcome and its audit entry, together. */
async function settle(request: ActionRequestRow, t: ActionTargetRow, s: Settle, audit: Audit) {
  await getDb().transaction(async (tx) => {
    await tx
      .update(actionTargets)
      .set({
        status: s.status,
        ...(s.oktaStatus !== undefined ? { oktaStatus: s.oktaStatus } : {}),
        errorCode: s.errorCode ?? null,
        errorSummary: s.errorSummary ?? null,
        errorId: s.errorId ?? null,
        ...(s.stateBefore !== undefined ? { stateBefore: s.stateBefore } : {}),
        ...(s.stateAfter !== undefined ? { stateAfter: s.stateAfter } : {}),
        ...(s.result !== undefined ? { result: s.result } : {}),
        ...(s.secretSealed ? { secretSealed: s.secretSealed } : {}),
        ...(s.userId ? { userId: s.userId } : {}),
        ...(s.label ? { label: s.label } : {}),
        finishedAt: new Date(),
      })
      .where(and(eq(actionTargets.requestId, request.id), eq(actionTargets.seq, t.seq)));
    await audit(
      [
        {
          ...SYSTEM,
          action: s.status === "succeeded" ? "action.succeeded" : s.status === "failed" ? "action.failed" : "action.skipped",
          target: { ...auditTargetOf(t), ...(s.userId ? { userId: s.userId } : {}), ...(s.label ? { label: s.label } : {}) },
          detail: {
            status: s.status,
            ...(s.oktaStatus ? { oktaStatus: s.oktaStatus } : {}),
            ...(s.errorCode ? { errorCode: s.errorCode } : {}),
            ...(s.errorSummary ? { errorSummary: s.errorSummary } : {}),
            ...(s.errorId ? { errorId: s.errorId } : {}),
            ...(s.result ? { result: s.result } : {}),
            ...(s.stateBefore !== undefined ? { stateBefore: s.stateBefore } : {}),
            ...(s.stateAfter !== undefined ? { stateAfter: s.stateAfter } : {}),
          },
        },
      ],
      tx,
    );
  });
}

async function failRemaining(request: ActionRequestRow, targets: ActionTargetRow[], why: string, audit: Audit) {
  for (const t of targets) {
    if (t.status === "queued" || (t.status === "running" && t.attempts === 0))
      await settle(request, t, { status: "failed", errorCode: "not_allowed", errorSummary: why }, audit);
    else if (t.status === "running")
      // It may have been sent by a worker that died; without a client it cannot be checked.
      await settle(
        request,
        t,
        {
          status: "failed",
          errorCode: "outcome_unknown",
          errorSummary: `${why} Its last attempt may have reached Okta; check the person in Okta.`,
        },
        audit,
      );
  }
}

/** The request's end: succeeded when no target failed (skipped ones were already so). */
async function finish(request: ActionRequestRow): Promise<{ status: string }> {
  const db = getDb();
  const targets = await db.select({ status: actionTargets.status }).from(actionTargets).where(eq(actionTargets.requestId, request.id));
  if (targets.some((t) => t.status === "queued" || t.status === "running")) {
    // Stopped early (cancelled while running): what was not started is skipped.
    const [r] = await db.select({ status: actionRequests.status }).from(actionRequests).where(eq(actionRequests.id, request.id));
    if (r?.status === "running") return { status: "running" };
    await db
      .update(actionTargets)
      .set({
        status: "skipped",
        errorCode: "cancelled",
        errorSummary: "The request was cancelled before this target ran.",
        finishedAt: new Date(),
      })
      .where(and(eq(actionTargets.requestId, request.id), eq(actionTargets.status, "queued")));
    return { status: r?.status ?? "unknown" };
  }
  const status = targets.some((t) => t.status === "failed") ? "failed" : "succeeded";
  const [done] = await db
    .update(actionRequests)
    .set({ status, finishedAt: new Date() })
    .where(and(eq(actionRequests.id, request.id), eq(actionRequests.status, "running")))
    .returning({ status: actionRequests.status });
  return { status: done?.status ?? status };
}

interface TargetRun {
  request: ActionRequestRow;
  integration: typeof integrations.$inferSelect;
  client: OktaClient;
  t: ActionTargetRow;
  params: unknown;
  audit: Audit;
  opts: ExecuteOptions;
}

async function runTarget(x: TargetRun) {
  const { request, integration, client, t, params, audit } = x;
  const kind = request.kind;
  const db = getDb();
  const read = () => readTarget(client, { integrationId: integration.id, kind, target: targetOf(t), params });
  const where = and(eq(actionTargets.requestId, request.id), eq(actionTargets.seq, t.seq));

  // A call that may have been sent by a job that died before recording the answer.
  if (t.status === "running" && t.attempts > 0) {
    const resolved = await resolveUnknown(x, "An earlier run sent this call but stopped before recording Okta's answer.");
    if (resolved !== "resend") return;
  }

  if (t.status === "queued") await db.update(actionTargets).set({ status: "running", startedAt: new Date() }).where(where);
  const before = await read();
  const check: StateCheck = checkTargetState(kind, before, params);
  if (!check.ok) {
    await settle(
      request,
      t,
      {
        status: check.code === "already" ? "skipped" : "failed",
        errorCode: `refused_${check.code}`,
        errorSummary: check.code === "already" ? check.reason : `Not sent: ${check.reason}`,
        stateBefore: snapshot(before),
      },
      audit,
    );
    return;
  }

  // The attempt is on record before anything is sent.
  const call = oktaCallFor(kind, targetOf(t), params);
  const attempt = t.attempts + 1;
  await db.transaction(async (tx) => {
    await tx
      .update(actionTargets)
      .set({ attempts: attempt, stateBefore: snapshot(before) })
      .where(where);
    await audit(
      [
        {
          ...SYSTEM,
          action: "action.attempt",
          target: auditTargetOf(t),
          detail: {
            attempt,
            method: call.method,
            path: call.path,
            query: call.query,
            idempotent: call.idempotent,
            stateBefore: snapshot(before),
          },
        },
      ],
      tx,
    );
  });
  t.attempts = attempt;

  const retriesBefore = client.stats().retries;
  let body: unknown;
  let status: number;
  try {
    const res = await client.request(call.method, call.path, { query: call.query, body: call.body, idempotent: call.idempotent });
    body = res.body;
    status = res.status;
  } catch (e) {
    if (!(e instanceof OktaApiError)) throw e;
    const retried = client.stats().retries > retriesBefore;
    const answer = {
      status: e.status || null,
      errorCode: e.errorCode ?? null,
      errorSummary: e.errorSummary ?? null,
      errorId: e.errorId ?? null,
      ...(e.kind === "network" ? { network: e.networkReason } : {}),
    };
    await audit([{ ...OKTA, action: "action.okta_response", target: auditTargetOf(t), detail: { attempt, ...answer } }]);
    if (outcomeUnknown(e, call.idempotent, retried)) {
      const why =
        e.kind === "network"
          ? `The connection was lost after the call was sent (${e.networkReason}).`
          : `Okta answered ${e.status}${e.errorCode ? ` ${e.errorCode}` : ""} after the call may already have taken effect.`;
      const resolved = await resolveUnknown(x, why, { before, failure: answer });
      if (resolved === "resend") await settleFailure(x, before, e);
      return;
    }
    await settleFailure(x, before, e);
    return;
  }
  await audit([{ ...OKTA, action: "action.okta_response", target: auditTargetOf(t), detail: { attempt, status } }]);
  await succeed(x, before, body, null, status);
}

async function settleFailure(x: TargetRun, before: TargetState, e: OktaApiError) {
  await settle(
    x.request,
    x.t,
    {
      status: "failed",
      oktaStatus: e.status || null,
      errorCode: e.errorCode ?? (e.kind === "network" ? `network_${e.networkReason}` : `http_${e.status}`),
      errorSummary: e.errorSummary ?? e.message,
      errorId: e.errorId ?? null,
      stateBefore: snapshot(before),
    },
    x.audit,
  );
}

/** Success: the local copy refreshed, the state after read, a one-time link sealed, the outcome recorded. */
async function succeed(x: TargetRun, before: TargetState | null, body: unknown, resolvedBy: string | null, status: number | null = null) {
  const { request, integration, client, t, params } = x;
  const kind = request.kind;
  let target = targetOf(t);
  const result: Record<string, unknown> = {};
  let label: string | undefined;
  if (kind === "user.create") {
    const created = body && typeof body === "object" ? (body as { id?: unknown; status?: unknown }) : null;
    const id = typeof created?.id === "string" ? created.id : null;
    if (id) {
      target = { ...target, userId: id };
      result.userId = id;
      if (typeof created?.status === "string") result.status = created.status;
    }
  }
  const secret = secretOf(kind, body);
  const secretSealed = secret ? seal(JSON.stringify(secret), targetSecretAad(request.id, t.seq)) : null;
  if (secret) result.oneTimeLink = "sealed; shown once to the requester";
  if (resolvedBy) result.resolvedBy = resolvedBy;
  const sendEmail = (params as { sendEmail?: boolean }).sendEmail;
  if (resolvedBy && sendEmail === false && (kind === "user.activate" || kind === "user.reactivate" || kind === "user.reset_password"))
    result.note = "The one-time link was in the answer that was lost; request the action again for a new link.";

  // The local copy first (the directory shows the new state at once), then the state after, read fresh.
  await refreshTarget({
    integration,
    client,
    kind,
    target,
    groupIds: (params as { groupIds?: string[] }).groupIds,
  }).catch((e) => log.warn("action: the local copy could not be refreshed; the next sync will", { requestId: request.id, error: e }));
  const after = await readTarget(client, { integrationId: integration.id, kind, target, params }).catch(() => null);
  if (kind === "user.create" && after?.loginTaken) {
    result.userId ??= after.loginTaken.id;
    target = { ...target, userId: after.loginTaken.id };
    label = (params as { profile?: { login?: string } }).profile?.login;
  }
  await settle(
    request,
    t,
    {
      status: "succeeded",
      oktaStatus: status,
      ...(before ? { stateBefore: snapshot(before) } : {}),
      stateAfter: after ? snapshot(after) : null,
      result,
      secretSealed,
      userId: kind === "user.create" ? (target.userId ?? null) : null,
      label,
    },
    x.audit,
  );
}

/**
 * An unknown outcome: judged from Okta's state, then (when the state cannot tell) from the System Log.
 * "resend" only for idempotent kinds whose effect is not there: sending again is safe.
 */
async function resolveUnknown(
  x: TargetRun,
  why: string,
  ctx: { before?: TargetState; failure?: Record<string, unknown> } = {},
): Promise<"settled" | "resend"> {
  const { request, integration, client, t, params } = x;
  const kind = request.kind;
  const info = ACTION_KIND_INFO[kind];
  const before = ctx.before ?? null;
  const now = await readTarget(client, { integrationId: integration.id, kind, target: targetOf(t), params });
  let outcome = effectOf(kind, now, params);
  let how = "re-read";
  if (outcome === "unknown" && !info.idempotent) {
    // An event found proves it; none found (yet) proves nothing: the log trails by seconds, sometimes more.
    if (await eventInLog(x)) {
      outcome = "done";
      how = "System Log";
    }
  }
  if (outcome === "done") {
    await succeed(x, before, kind === "user.create" ? { id: now.loginTaken?.id } : undefined, `${why} Okta's ${how} shows it took effect.`);
    return "settled";
  }
  if (info.idempotent) return "resend";
  const state = now.user ? ` (${now.user.login} is ${now.user.status})` : "";
  await settle(
    request,
    t,
    {
      status: "failed",
      oktaStatus: (ctx.failure?.status as number | null) ?? null,
      errorCode: outcome === "not_done" ? "not_applied" : "outcome_unknown",
      errorSummary:
        outcome === "not_done"
          ? `${why} Okta's current state shows it did not take effect${state}; it was not sent again. Request it again if it is still needed.`
          : `${why} Okta's state and System Log cannot tell whether it took effect; it was not sent again. Check in Okta before requesting it again.`,
      errorId: (ctx.failure?.errorId as string | null) ?? null,
      ...(before ? { stateBefore: snapshot(before) } : {}),
      stateAfter: snapshot(now),
    },
    x.audit,
  );
  return "settled";
}

/** Whether the System Log holds the action's event about the target since the attempt (false: not found, or cannot read). */
async function eventInLog(x: TargetRun): Promise<boolean> {
  const { client, t, request } = x;
  const info = ACTION_KIND_INFO[request.kind];
  const id = t.userId ?? t.groupId;
  if (!id || !x.integration.scopes.includes("okta.logs.read")) return false;
  const since = new Date((t.startedAt ?? request.startedAt ?? request.createdAt).getTime() - 60_000).toISOString();
  const filter = `(${info.events.map((e) => `eventType eq "${e}"`).join(" or ")}) and target.id eq "${id}"`;
  for (const wait of x.opts.logWaitsMs ?? [1000, 3000, 6000]) {
    await sleep(wait);
    try {
      const res = await client.get<unknown[]>("/api/v1/logs", { since, filter, limit: 20 });
      if (Array.isArray(res.body) && res.body.length) return true;
    } catch (e) {
      log.warn("action: the System Log could not be read", { requestId: request.id, error: e });
      return false;
    }
  }
  return false;
}
