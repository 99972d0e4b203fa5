// Edit and rotate: rename, change the owner, change scopes, switch auth method or replace credentials,
// turn actions on or off. New credentials (and turning actions on, which adds the manage scopes) are
// verified exactly like a connect before they replace the old ones; synced data is untouched. A failed
// verification is recorded in the integration's event log and nothing changes. Turning actions off
// needs no call to Okta: the manage scopes' results and the admin roles are dropped.
import { eq } from "drizzle-orm";
import { integrations } from "@/db/schema";
import { type Ctx, withDb } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { changeNameAndOwner, checkNameAndOwner } from "./change-name-and-owner";
import {
  type AuthInput,
  type IntegrationView,
  MANAGE_SCOPES,
  METHOD_LABEL,
  type ScopeResult,
  type UpdateInput,
  type VerifyResult,
} from "./contracts";
import { findIntegration } from "./find-integration";
import { type Prepared, prepareAndVerify, verificationError } from "./prepare";
import { recordEvent } from "./record-event";
import { readSecrets } from "./secrets";
import { storeCredentials } from "./store-credentials";
import { viewOf } from "./view";

/** The stored credentials as an AuthInput, for re-verifying with new scopes only. */
async function currentAuth(id: string, row: typeof integrations.$inferSelect): Promise<AuthInput> {
  const s = await readSecrets(id, ["client_secret", "private_key", "api_token"]);
  if (row.authMethod === "api_token" && s.api_token) return { method: "api_token", token: s.api_token.value };
  if (row.authMethod === "client_secret" && s.client_secret && row.clientId)
    return { method: "client_secret", clientId: row.clientId, clientSecret: s.client_secret.value };
  if (row.authMethod === "private_key_jwt" && s.private_key && row.clientId)
    return { method: "private_key_jwt", clientId: row.clientId, privateKey: s.private_key.value, keyId: row.keyId ?? undefined };
  throw new AppError("CONFLICT", "This integration has no stored credentials; provide new ones in auth");
}

export async function updateIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: UpdateInput & { integrationId: string };
}): Promise<{ integration: IntegrationView; verification: VerifyResult | null }> {
  const { actor, db } = ctx;
  const id = input.integrationId;
  const row = await findIntegration(actor.workspaceId, id, db);
  if (row.state !== "connected")
    throw new AppError("CONFLICT", "This integration is disconnected; connect the org again instead of editing it");
  // Cheap checks before calling Okta.
  await checkNameAndOwner(ctx, row, input);

  // Unchanged unless given; credentials or scopes re-verified keep actions as they were.
  const allowActions = input.allowActions ?? row.allowActions;
  let prepared: Prepared | null = null;
  if (input.auth || input.scopes || input.allowActions === true) {
    const auth = input.auth ?? (await currentAuth(id, row));
    prepared = await prepareAndVerify({
      workspaceId: actor.workspaceId,
      domain: { origin: row.domain, host: new URL(row.domain).host, kind: "okta", changes: [] },
      auth,
      scopes: input.scopes ?? (row.scopes as never),
      allowActions,
      except: id,
    });
    const r = prepared.outcome.result;
    if (!r.ok) {
      await recordEvent({
        workspaceId: actor.workspaceId,
        integrationId: id,
        level: "error",
        kind: "credentials.verify_failed",
        message: `New credentials rejected: ${r.diagnosis!.title}`,
        details: { method: auth.method, code: r.diagnosis!.code, ...(r.diagnosis!.okta ?? {}) },
        actorUserId: actor.userId,
      });
      throw verificationError(r);
    }
  }

  await db.transaction(async (tx) => {
    await tx.update(integrations).set({ updatedAt: new Date() }).where(eq(integrations.id, id));
    const { said, details } = await changeNameAndOwner({
      ctx: withDb(ctx, tx),
      input: { integration: row, name: input.name, ownerId: input.ownerId },
    });
    if (!prepared && input.allowActions === false && row.allowActions) {
      const manage = new Set<string>(MANAGE_SCOPES);
      await tx
        .update(integrations)
        .set({
          allowActions: false,
          adminRoles: null,
          scopeResults: (row.scopeResults as ScopeResult[]).filter((r) => !manage.has(r.scope)),
        })
        .where(eq(integrations.id, id));
      said.push("set to read-only (actions off)");
    }
    if (said.length) {
      await recordEvent(
        {
          workspaceId: actor.workspaceId,
          integrationId: id,
          kind: "integration.updated",
          message: `Integration ${said.join(", ")}`,
          details,
          actorUserId: actor.userId,
        },
        tx,
      );
    }
    if (prepared) {
      await storeCredentials(tx, id, prepared);
      const d = prepared.resolved.descriptor;
      const what = input.auth
        ? d.authMethod === row.authMethod
          ? `Credentials replaced (${METHOD_LABEL[d.authMethod]})`
          : `Auth method changed from ${METHOD_LABEL[row.authMethod]} to ${METHOD_LABEL[d.authMethod]}`
        : input.scopes
          ? "Scopes changed"
          : allowActions
            ? "Actions allowed: the manage scopes were verified"
            : "Credentials verified again";
      await recordEvent(
        {
          workspaceId: actor.workspaceId,
          integrationId: id,
          kind: "credentials.changed",
          message: what,
          details: {
            method: d.authMethod,
            previousMethod: row.authMethod,
            clientId: d.clientId,
            keyId: d.keyId,
            scopes: prepared.scopes,
            usesDpop: prepared.outcome.result.usesDpop,
            allowActions,
            ...(allowActions ? { adminRoles: prepared.outcome.result.adminRoles ?? null } : {}),
          },
          actorUserId: actor.userId,
        },
        tx,
      );
    }
  });
  return { integration: (await viewOf(actor.workspaceId, id, db))!, verification: prepared?.outcome.result ?? null };
}
