// Who may decide on a request, and why not: the rules approve, deny and cancel enforce, and the `can`
// flags a request's page shows its buttons by. Pure.
import type { ActionRequestRow } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";

/** Why not, as a code in the error's details (`reason`). */
export type Refusal = "NOT_ALLOWED" | "SELF_APPROVAL" | "ALREADY_DECIDED" | "NOT_PENDING" | "EXPIRED" | "NOT_REQUESTER" | "STARTED";
export type Verdict = { ok: true; why: null } | { ok: false; why: string; status: 403 | 409; reason: Refusal };

const yes: Verdict = { ok: true, why: null };
const no = (status: 403 | 409, why: string, reason: Refusal): Verdict => ({ ok: false, why, status, reason });

/** The refusal as the API's error (403 or 409, the reason code in details). */
export function refusalError(v: Extract<Verdict, { ok: false }>): AppError {
  return new AppError(v.status === 403 ? "FORBIDDEN" : "CONFLICT", v.why, { reason: v.reason });
}

export function pendingVerdict(r: Pick<ActionRequestRow, "status" | "expiresAt">, now = new Date()): Verdict {
  if (r.status !== "pending_approval")
    return no(409, `This request is ${r.status.replace("_", " ")}; only a request waiting for approval can be decided.`, "NOT_PENDING");
  if (r.expiresAt && r.expiresAt <= now)
    return no(409, "This request has expired: it was not decided in time. Request it again if it is still needed.", "EXPIRED");
  return yes;
}

export function canApprove(actor: Actor, r: Pick<ActionRequestRow, "status" | "expiresAt" | "requestedBy">, decidedByMe: boolean): Verdict {
  if (actor.role !== "admin") return no(403, `Only admins approve requests; your role is ${actor.role}.`, "NOT_ALLOWED");
  const pending = pendingVerdict(r);
  if (!pending.ok) return pending;
  if (r.requestedBy === actor.userId) return no(403, "You requested this action: another admin must approve it.", "SELF_APPROVAL");
  if (decidedByMe)
    return no(409, "You have already decided on this request; another admin must give the second approval.", "ALREADY_DECIDED");
  return yes;
}

export function canDeny(actor: Actor, r: Pick<ActionRequestRow, "status" | "expiresAt" | "requestedBy">, decidedByMe: boolean): Verdict {
  if (actor.role !== "admin") return no(403, `Only admins deny requests; your role is ${actor.role}.`, "NOT_ALLOWED");
  const pending = pendingVerdict(r);
  if (!pending.ok) return pending;
  if (r.requestedBy === actor.userId) return no(403, "You requested this action: cancel it instead.", "SELF_APPROVAL");
  if (decidedByMe) return no(409, "You have already decided on this request.", "ALREADY_DECIDED");
  return yes;
}

export function canCancel(actor: Actor, r: Pick<ActionRequestRow, "status" | "requestedBy">): Verdict {
  if (actor.role !== "admin" && actor.role !== "operator")
    return no(403, `Only operators and admins cancel requests; your role is ${actor.role}.`, "NOT_ALLOWED");
  if (actor.role !== "admin" && r.requestedBy !== actor.userId)
    return no(403, "Only the requester or an admin can cancel this request.", "NOT_REQUESTER");
  if (r.status !== "pending_approval" && r.status !== "queued")
    return no(
      409,
      `This request is ${r.status.replace("_", " ")}; only a request that has not started running can be cancelled.`,
      "STARTED",
    );
  return yes;
}
