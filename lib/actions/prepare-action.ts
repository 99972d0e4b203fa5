// What the request and the preview verbs share before they read Okta: the kind's own rules applied to
// the body (its target ids and parameters, from the catalogue), duplicates refused, and the
// integration's credentials checked to allow the kind. A refusal is a 400 naming the field
// (`targets.3.userId`, `params.profile.email`) or a 422 saying why the integration cannot.
import type { z } from "zod";
import type { ActionKind } from "@/db/enums";
import type { integrations } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { allowedActionsFor, whyNotAllowed } from "@/lib/integrations/allowed-actions";
import { findIntegration } from "@/lib/integrations/find-integration";
import type { ActionTargetInput } from "./contracts";
import { ACTION_KIND_INFO, type ActionTarget, parseActionParams, TARGET_IDS, targetSchemaFor } from "./kinds";

export interface PreparedAction {
  integration: typeof integrations.$inferSelect;
  kind: ActionKind;
  /** Parsed, with the kind's defaults applied. */
  params: Record<string, unknown>;
  targets: ActionTarget[];
}

function fieldError(fields: { field: string; message: string }[]): AppError {
  return new AppError("VALIDATION", `Invalid body: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`, { fields });
}

const issuesAt = (prefix: string, error: z.ZodError) =>
  error.issues.map((i) => ({ field: [prefix, ...i.path].join("."), message: i.message }));

const keyOf = (t: ActionTarget) => `${t.userId ?? ""}/${t.groupId ?? ""}/${t.appId ?? ""}`;

/** The body's targets checked against the kind: the ids it takes, each an Okta id, no target twice. */
export function parseTargets(kind: ActionKind, input: { target?: ActionTargetInput; targets?: ActionTargetInput[] }): ActionTarget[] {
  const creates = ACTION_KIND_INFO[kind].target === "new_user";
  const batch = input.targets !== undefined;
  const given = input.targets ?? (input.target ? [input.target] : creates ? [{}] : []);
  if (!given.length)
    throw fieldError([
      { field: "target", message: `is required: ${kind} acts on ${TARGET_IDS[ACTION_KIND_INFO[kind].target].join(" and ")}` },
    ]);
  if (creates && given.length > 1) throw fieldError([{ field: "targets", message: `${kind} creates one person per request` }]);
  const schema = targetSchemaFor(kind);
  const fields: { field: string; message: string }[] = [];
  const seen = new Map<string, number>();
  const out: ActionTarget[] = [];
  given.forEach((t, i) => {
    const prefix = batch ? `targets.${i}` : "target";
    const parsed = schema.safeParse(t);
    if (!parsed.success) {
      fields.push(...issuesAt(prefix, parsed.error));
      return;
    }
    const target: ActionTarget = {
      userId: parsed.data.userId ?? null,
      groupId: parsed.data.groupId ?? null,
      appId: parsed.data.appId ?? null,
    };
    const first = seen.get(keyOf(target));
    if (first !== undefined) fields.push({ field: prefix, message: `is the same target as targets.${first}` });
    seen.set(keyOf(target), i);
    out.push(target);
  });
  if (fields.length) throw fieldError(fields.slice(0, 20));
  return out;
}

export function parseParams(kind: ActionKind, params: unknown): Record<string, unknown> {
  const parsed = parseActionParams(kind, params ?? {});
  if (!parsed.success) throw fieldError(issuesAt("params", parsed.error));
  return (parsed.data ?? {}) as Record<string, unknown>;
}

export async function prepareAction(
  ctx: WorkspaceCtx,
  input: { integrationId: string; kind: ActionKind; target?: ActionTargetInput; targets?: ActionTargetInput[]; params?: unknown },
): Promise<PreparedAction> {
  const targets = parseTargets(input.kind, input);
  const params = parseParams(input.kind, input.params);
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  if (!allowedActionsFor(integration).has(input.kind)) {
    const why = whyNotAllowed(integration, input.kind) ?? "The integration's credentials do not allow this action.";
    throw new AppError("UNPROCESSABLE", why, { fields: [{ field: "kind", message: why }] });
  }
  return { integration, kind: input.kind, params, targets };
}
