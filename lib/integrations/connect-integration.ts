// Connect: verify first, save only if authentication works (missing scopes save with warnings), then
// start the initial sync. Credentials are sealed in the same transaction that creates the integration.
import { integrations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { log } from "@/lib/log";
import { startSync } from "@/lib/sync/start-sync";
import { type ConnectInput, type IntegrationView, METHOD_LABEL, type VerifyResult } from "./contracts";
import { assertNameFree, isUniqueViolation, nameTaken } from "./names";
import { assertOwner } from "./owners";
import { normalizeDomainField, prepareAndVerify, verificationError } from "./prepare";
import { recordEvent } from "./record-event";
import { storeCredentials } from "./store-credentials";
import { viewOf } from "./view";

export async function connectIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ConnectInput;
}): Promise<{ integration: IntegrationView; verification: VerifyResult }> {
  const { actor } = ctx;
  const domain = normalizeDomainField(input.domain);
  // Cheap checks before calling Okta.
  await assertNameFree(actor.workspaceId, input.name);
  const ownerId = input.ownerId ?? actor.userId;
  await assertOwner(actor.workspaceId, ownerId);

  const prepared = await prepareAndVerify({
    workspaceId: actor.workspaceId,
    domain,
    auth: input.auth,
    scopes: input.scopes,
    allowActions: input.allowActions,
  });
  const result = prepared.outcome.result;
  if (!result.ok) throw verificationError(result);

  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(integrations)
        .values({
          workspaceId: actor.workspaceId,
          name: input.name,
          domain: domain.origin,
          ownerId,
          state: "connected",
          authMethod: prepared.resolved.descriptor.authMethod,
        })
        .returning({ id: integrations.id });
      await storeCredentials(tx, row.id, prepared);
      const missing = result.scopes.filter((s) => !s.ok);
      await recordEvent(
        {
          workspaceId: actor.workspaceId,
          integrationId: row.id,
          kind: "integration.connected",
          message: `Connected ${domain.host} with ${METHOD_LABEL[prepared.resolved.descriptor.authMethod]}${result.usesDpop ? " (DPoP)" : ""}`,
          details: {
            domainChanges: domain.changes,
            method: prepared.resolved.descriptor.authMethod,
            clientId: prepared.resolved.descriptor.clientId,
            keyId: prepared.resolved.descriptor.keyId,
            usesDpop: result.usesDpop,
            scopes: prepared.scopes,
            allowActions: prepared.allowActions,
            ...(prepared.allowActions ? { adminRoles: result.adminRoles ?? null } : {}),
          },
          actorUserId: actor.userId,
        },
        tx,
      );
      if (missing.length) {
        await recordEvent(
          {
            workspaceId: actor.workspaceId,
            integrationId: row.id,
            level: "warn",
            kind: "integration.scopes_missing",
            message: `Connected with warnings: ${missing.map((s) => s.scope).join(", ")} not working`,
            details: {
              scopes: missing.map((s) => ({ scope: s.scope, status: s.status, errorCode: s.okta?.errorCode, errorId: s.okta?.errorId })),
            },
            actorUserId: actor.userId,
          },
          tx,
        );
      }
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }

  // The initial sync; a failure to queue it must not undo a saved connection (the scheduler picks it up).
  await startSync({ ctx, input: { integrationId: id, trigger: "initial" } }).catch((error) =>
    log.warn("could not start the initial sync", { integrationId: id, error }),
  );
  return { integration: (await viewOf(actor.workspaceId, id, ctx.db))!, verification: result };
}
