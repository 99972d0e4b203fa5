// Requests an action on Okta (operators and admins): the body checked against the kind, the
// integration's credentials checked to allow it, every target read fresh from Okta and judged by its
// state, the preview computed and stored. The workspace's approval policy for the kind decides what
// follows: none → queued at once (a pg-boss job runs it, lib/actions/execute-action.ts); one or two
// admins → pending_approval until approved, denied, cancelled or expired.
//
// A single target whose state does not allow the action is refused (422, the reason in plain words)
// and nothing is stored. In a batch, refused targets are kept as `skipped` with their reason and the
// rest goes ahead; a batch where every target is refused is refused as a whole.
import { actionRequests, actionTargets } from "@/db/schema";
import { type AuditEntryInput, appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { sendActionExecution } from "@/lib/jobs/enqueue-action-execution";
import { type ActionRequestDetail, REQUIRED_APPROVALS, type RequestActionBody } from "./contracts";
import { getAction } from "./get-action";
import { expiryHoursOf, policiesOf } from "./policy";
import { prepareAction } from "./prepare-action";
import { auditTarget, computePreview } from "./preview-action";

export async function requestAction({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RequestActionBody & { integrationId: string };
}): Promise<ActionRequestDetail> {
  const prepared = await prepareAction(ctx, input);
  const { preview, states } = await computePreview(ctx, prepared);
  const { kind, integration, params, targets } = prepared;

  if (preview.refused === preview.targets.length) {
    const reasons = preview.targets.map((t) => ({ seq: t.seq, label: t.label, code: t.refusal!.code, reason: t.refusal!.reason }));
    throw new AppError(
      "UNPROCESSABLE",
      reasons.length === 1 ? reasons[0].reason : `None of the ${reasons.length} targets allows this action: ${reasons[0].reason}`,
      { targets: reasons.slice(0, 50) },
    );
  }

  const policy = (await policiesOf(ctx.db, ctx.workspaceId))[kind];
  const required = REQUIRED_APPROVALS[policy];
  const { hours } = await expiryHoursOf(ctx.db, ctx.workspaceId);
  const now = new Date();
  const actor = auditActor(ctx);

  const id = await ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .insert(actionRequests)
      .values({
        workspaceId: ctx.workspaceId,
        integrationId: integration.id,
        kind,
        status: required ? "pending_approval" : "queued",
        requestedBy: ctx.actor.userId,
        requestedByLabel: ctx.actor.email,
        reason: input.reason,
        params,
        preview,
        requiredApprovals: required,
        createdAt: now,
        expiresAt: required ? new Date(now.getTime() + hours * 3600_000) : null,
        decidedAt: required ? null : now,
      })
      .returning({ id: actionRequests.id });
    await tx.insert(actionTargets).values(
      preview.targets.map((t, seq) => ({
        requestId: request.id,
        seq,
        userId: targets[seq].userId ?? null,
        groupId: targets[seq].groupId ?? null,
        appId: targets[seq].appId ?? null,
        label: t.label,
        status: t.allowed ? ("queued" as const) : ("skipped" as const),
        errorCode: t.allowed ? null : `refused_${t.refusal!.code}`,
        errorSummary: t.allowed ? null : t.refusal!.reason,
        stateBefore: states[seq],
        finishedAt: t.allowed ? null : now,
      })),
    );
    const base = { ...actor, kind, requestId: request.id, integrationId: integration.id };
    const single = preview.targets.length === 1;
    const entries: AuditEntryInput[] = [
      {
        ...base,
        action: "request.created",
        target: single ? auditTarget(preview.targets[0]) : { count: preview.targets.length },
        detail: {
          reason: input.reason,
          params,
          policy,
          requiredApprovals: required,
          summary: preview.summary,
          targets: preview.targets.length,
        },
      },
      ...preview.targets
        .filter((t) => !t.allowed)
        .map(
          (t): AuditEntryInput => ({
            ...base,
            action: "action.skipped",
            target: auditTarget(t),
            detail: { status: "skipped", reason: t.refusal!.reason, code: t.refusal!.code },
          }),
        ),
    ];
    if (!required) entries.push({ ...base, action: "request.queued", detail: { why: "The approval policy of this kind is none." } });
    await appendAudit(tx, ctx.workspaceId, entries);
    return request.id;
  });

  if (!required) await sendActionExecution(id);
  return getAction({ ctx, input: { id } });
}
