// Edit and rotate: rename, change the owner, change scopes, switch auth method or replace credentials.
// New credentials are verified exactly like a connect before they replace the old ones; synced data is
// untouched. A failed verification is recorded in the integration's event log and nothing changes.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { integrations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { type AuthInput, type IntegrationView, METHOD_LABEL, type UpdateInput, type VerifyResult } from "./contracts";
import { assertNameFree, isUniqueViolation, nameTaken } from "./names";
import { assertOwner } from "./owners";
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
  actor,
  id,
  input,
}: {
  actor: Actor;
  id: string;
  input: UpdateInput;
}): Promise<{ integration: IntegrationView; verification: VerifyResult | null }> {
  const db = getDb();
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, id), eq(integrations.workspaceId, actor.workspaceId)))
    .limit(1);
  if (!row) throw notFound("Integration");
  if (row.state !== "connected")
    throw new AppError("CONFLICT", "This integration is disconnected; connect the org again instead of editing it");
  if (input.name !== undefined && input.name.toLowerCase() !== row.name.toLowerCase())
    await assertNameFree(actor.workspaceId, input.name, id);
  if (input.ownerId) await assertOwner(actor.workspaceId, input.ownerId);

  let prepared: Prepared | null = null;
  if (input.auth || input.scopes) {
    const auth = input.auth ?? (await currentAuth(id, row));
    prepared = await prepareAndVerify({
      workspaceId: actor.workspaceId,
      domain: { origin: row.domain, host: new URL(row.domain).host, kind: "okta", changes: [] },
      auth,
      scopes: input.scopes ?? (row.scopes as never),
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

  try {
    await db.transaction(async (tx) => {
      const changes: string[] = [];
      const set: Partial<typeof integrations.$inferInsert> = { updatedAt: new Date() };
      if (input.name !== undefined && input.name !== row.name) {
        set.name = input.name;
        changes.push(`renamed "${row.name}" to "${input.name}"`);
      }
      if (input.ownerId !== undefined && input.ownerId !== row.ownerId) {
        set.ownerId = input.ownerId;
        changes.push("changed the owner");
      }
      await tx.update(integrations).set(set).where(eq(integrations.id, id));
      if (changes.length) {
        await recordEvent(
          {
            workspaceId: actor.workspaceId,
            integrationId: id,
            kind: "integration.updated",
            message: `Integration ${changes.join(", ")}`,
            details: { name: set.name, ownerId: set.ownerId },
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
          : "Scopes changed";
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
            },
            actorUserId: actor.userId,
          },
          tx,
        );
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name ?? row.name);
    throw e;
  }
  return { integration: (await viewOf(actor.workspaceId, id))!, verification: prepared?.outcome.result ?? null };
}
