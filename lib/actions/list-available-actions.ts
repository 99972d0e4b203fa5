// The action kinds a person's, group's or app's page offers, each allowed or not and why: the
// integration's credentials first (allowedActionsFor / whyNotAllowed, as the request verb checks them),
// then the subject as Okta has it now, read fresh and judged by checkSubjectState (the same rules as
// the preview, the request and the executor, before the other party and the parameters are chosen).
// Okta is read only when the credentials allow at least one of the kinds; a failed read is reported,
// not thrown, so the menu still opens (the preview reads and judges again).
import { ACTION_KINDS, type ActionKind } from "@/db/enums";
import { canOperate } from "@/lib/auth/actor";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { allowedActionsFor, whyNotAllowed } from "@/lib/integrations/allowed-actions";
import { findIntegration } from "@/lib/integrations/find-integration";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { OktaApiError } from "@/lib/okta/errors";
import { checkSubjectState, type GroupState, type UserState } from "./check-target-state";
import type { AvailableAction, AvailableActions, AvailableActionsQuery } from "./contracts";
import { ACTION_KIND_INFO, type TargetType } from "./kinds";
import { policiesOf } from "./policy";
import { readApp, readGroup, readUser } from "./read-target";

const OFFERED: Record<AvailableActions["subject"]["type"], readonly TargetType[]> = {
  user: ["user"],
  group: ["group_member", "app_group"],
  app: ["app_user", "app_group"],
};

function readErrorText(e: unknown): string {
  if (e instanceof OktaApiError) return e.facts().message;
  if (e instanceof AppError) return e.message;
  throw e;
}

export async function listAvailableActions({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: AvailableActionsQuery & { integrationId: string };
}): Promise<AvailableActions> {
  const type = input.userId ? "user" : input.groupId ? "group" : "app";
  const id = (input.userId ?? input.groupId ?? input.appId) as string;
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const kinds = ACTION_KINDS.filter((k) => OFFERED[type].includes(ACTION_KIND_INFO[k].target));
  const allowed = allowedActionsFor(integration);
  const policies = await policiesOf(ctx.db, ctx.workspaceId);

  let user: UserState | null | undefined;
  let group: GroupState | null | undefined;
  let status: string | null = null;
  let readError: string | null = null;
  if (kinds.some((k) => allowed.has(k))) {
    try {
      const client = await loadOktaClient(integration.id, { workspaceId: ctx.workspaceId });
      if (type === "user") {
        user = await readUser(client, id);
        status = user?.status ?? null;
      } else if (type === "group") {
        group = await readGroup(client, id);
        status = group?.type ?? null;
      } else {
        const app = await readApp(client, id);
        status = app?.status ?? null;
        if (!app) readError = "Okta has no such app any more.";
      }
    } catch (e) {
      readError = `Could not read the ${type === "user" ? "person" : type} from Okta: ${readErrorText(e)}`;
    }
  }

  const judge = (kind: ActionKind): Pick<AvailableAction, "allowed" | "code" | "why"> => {
    if (!allowed.has(kind)) return { allowed: false, code: "credentials", why: whyNotAllowed(integration, kind) };
    if (readError) return { allowed: true, code: null, why: null };
    const check = checkSubjectState(kind, { user, group });
    return check.ok ? { allowed: true, code: null, why: null } : { allowed: false, code: check.code, why: check.reason };
  };

  return {
    subject: { type, id, status },
    canRequest: canOperate(ctx.actor)
      ? { ok: true, why: null }
      : { ok: false, why: `Only operators and admins request actions; your role is ${ctx.actor.role}.` },
    readError,
    kinds: kinds.map((kind) => ({
      kind,
      label: ACTION_KIND_INFO[kind].label,
      destructive: ACTION_KIND_INFO[kind].destructive,
      approval: policies[kind],
      ...judge(kind),
    })),
  };
}
