// The preview of an action: for every target, a fresh read from Okta through the integration's client
// (read-target.ts), whether its state allows the action (check-target-state.ts) and, from the synced
// copy around it, what the action will do (describe.ts). The verb answers
// POST /api/integrations/{id}/actions/preview without creating anything (the audit log records that a
// preview was made); request-action.ts computes the same and stores it with the request.
import type { ActionKind } from "@/db/enums";
import { appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError, type ErrorCode } from "@/lib/errors";
import { plural } from "@/lib/format";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { OktaApiError, type OktaErrorKind } from "@/lib/okta/errors";
import { checkTargetState, type TargetState } from "./check-target-state";
import type { ActionPreview, PreviewActionBody, TargetPreview } from "./contracts";
import { describeTarget } from "./describe";
import { ACTION_KIND_INFO, type ActionTarget } from "./kinds";
import { type PreparedAction, prepareAction } from "./prepare-action";
import { readTarget } from "./read-target";
import { syncedFacts } from "./synced-facts";

/** Targets read from Okta at once (the client's governor paces them further). */
const READ_CONCURRENCY = 5;

const OKTA_CODES: Partial<Record<OktaErrorKind, ErrorCode>> = {
  network: "OKTA_UNREACHABLE",
  rate_limit: "OKTA_RATE_LIMITED",
  scope: "OKTA_SCOPE_MISSING",
  permission: "OKTA_PERMISSION_DENIED",
  auth: "OKTA_AUTH_FAILED",
  dpop: "OKTA_AUTH_FAILED",
};

/** A failed read of the target, as a clear error with Okta's identifiers (never credentials). */
function readFailure(e: unknown): never {
  if (e instanceof OktaApiError) {
    const f = e.facts();
    throw new AppError(OKTA_CODES[f.kind] ?? "OKTA_ERROR", `Could not read the target from Okta: ${f.message}`, {
      status: f.status,
      ...(f.errorCode ? { errorCode: f.errorCode } : {}),
      ...(f.errorSummary ? { errorSummary: f.errorSummary } : {}),
      ...(f.errorId ? { errorId: f.errorId } : {}),
    });
  }
  throw e;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function labels(
  kind: ActionKind,
  target: ActionTarget,
  state: TargetState,
  facts: Awaited<ReturnType<typeof syncedFacts>>,
  params: Record<string, unknown>,
) {
  const who = state.user?.login ?? facts.user?.login ?? target.userId ?? "";
  const group = state.group?.name ?? facts.groupName ?? target.groupId ?? "";
  const app = state.app?.label ?? facts.appLabel ?? target.appId ?? "";
  const label = (() => {
    switch (ACTION_KIND_INFO[kind].target) {
      case "user":
        return who;
      case "group_member":
        return `${who} in ${group}`;
      case "app_user":
        return `${app} for ${who}`;
      case "app_group":
        return `${app} for ${group}`;
      case "new_user":
        return ((params.profile as { login?: string } | undefined)?.login ?? "new person").toString();
    }
  })();
  return { who, group, app, label };
}

export interface ComputedPreview {
  preview: ActionPreview;
  /** The fresh read of each target, in order (stored as the target's state before). */
  states: TargetState[];
}

export async function computePreview(ctx: WorkspaceCtx, prepared: PreparedAction): Promise<ComputedPreview> {
  const { integration, kind, params, targets } = prepared;
  const info = ACTION_KIND_INFO[kind];
  const client = await loadOktaClient(integration.id, { workspaceId: ctx.workspaceId });
  const results = await mapLimit(targets, READ_CONCURRENCY, async (target, seq) => {
    const state = await readTarget(client, { integrationId: integration.id, kind, target, params }).catch(readFailure);
    const facts = await syncedFacts(ctx.db, integration.id, kind, target, params);
    const names = labels(kind, target, state, facts, params);
    const check = checkTargetState(kind, state, params);
    const { effect, lists } = describeTarget(kind, { ...names, state, facts, params });
    const preview: TargetPreview = {
      seq,
      userId: target.userId ?? null,
      groupId: target.groupId ?? null,
      appId: target.appId ?? null,
      label: names.label,
      allowed: check.ok,
      refusal: check.ok ? null : { code: check.code, reason: check.reason },
      effect: check.ok ? effect : check.reason,
      lists: check.ok ? lists : [],
      status: state.user?.status ?? null,
    };
    return { preview, state };
  });
  const refused = results.filter((r) => !r.preview.allowed).length;
  const n = targets.length;
  const summary =
    n === 1
      ? results[0].preview.effect
      : `${info.label}: ${plural(n, "target")}${refused ? `; ${refused} ${refused === 1 ? "is" : "are"} refused and would be skipped` : ""}.`;
  return {
    preview: {
      kind,
      label: info.label,
      destructive: info.destructive,
      warning: info.destructive ? (info.destructiveWhy ?? null) : null,
      summary,
      targets: results.map((r) => r.preview),
      refused,
      computedAt: new Date(),
    },
    states: results.map((r) => r.state),
  };
}

/** What a target looks like in the audit log: its ids and label. */
export function auditTarget(t: Pick<TargetPreview, "seq" | "userId" | "groupId" | "appId" | "label">) {
  return { seq: t.seq, userId: t.userId, groupId: t.groupId, appId: t.appId, label: t.label };
}

export async function previewAction({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: PreviewActionBody & { integrationId: string };
}): Promise<ActionPreview> {
  const prepared = await prepareAction(ctx, input);
  const { preview } = await computePreview(ctx, prepared);
  await appendAudit(ctx.db, ctx.workspaceId, [
    {
      action: "request.previewed",
      ...auditActor(ctx),
      kind: prepared.kind,
      integrationId: prepared.integration.id,
      target: preview.targets.length === 1 ? auditTarget(preview.targets[0]) : { count: preview.targets.length },
      detail: { summary: preview.summary, refused: preview.refused },
    },
  ]);
  return preview;
}
