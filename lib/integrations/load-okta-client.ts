// An Okta client for a stored, connected integration: credentials unsealed, the integration's rate
// limit share, and access tokens cached sealed in integration_secrets so workers and restarts reuse them.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { integrations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { type CachedToken, createOktaClient, type OktaClient, type OktaClientEvents, type OktaClientOptions } from "@/lib/okta/client";
import { credentialsFromSecrets } from "./credentials";
import { readSecrets, writeSecret } from "./secrets";

export async function loadOktaClient(
  integrationId: string,
  opts: {
    events?: OktaClientEvents;
    workspaceId?: string;
    extraScopes?: string[];
    /**
     * Other limits: tighter for a call that must not hold its caller up (disconnect's hook removal),
     * more requests in flight for the event hook's many single-object re-reads.
     */
    limits?: Pick<OktaClientOptions, "maxRetries" | "timeoutMs" | "maxRateLimitWaits" | "maxConcurrency">;
  } = {},
): Promise<OktaClient> {
  const db = getDb();
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), opts.workspaceId ? eq(integrations.workspaceId, opts.workspaceId) : undefined))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Integration not found");
  if (row.state !== "connected") throw new AppError("CONFLICT", "This integration is disconnected; it can no longer call Okta");
  const secrets = await readSecrets(integrationId);
  const stored = credentialsFromSecrets(row, secrets);
  if (!stored) throw new AppError("CONFLICT", "This integration has no stored credentials; reconnect it");
  // Extra scopes (e.g. okta.eventHooks.manage to register a hook) get a token of their own, never cached.
  const extra = opts.extraScopes?.length && "scopes" in stored ? opts.extraScopes : null;
  const credentials = extra && "scopes" in stored ? { ...stored, scopes: [...new Set([...stored.scopes, ...extra])] } : stored;

  const tokenCache = {
    async get(): Promise<CachedToken | null> {
      const s = (await readSecrets(integrationId, ["access_token"])).access_token;
      return s ? (JSON.parse(s.value) as CachedToken) : null;
    },
    async set(t: CachedToken) {
      // Only while still connected: a disconnect racing a token refresh must not leave a token behind.
      await db.transaction(async (tx) => {
        const [cur] = await tx
          .select({ state: integrations.state })
          .from(integrations)
          .where(eq(integrations.id, integrationId))
          .for("no key update");
        if (cur?.state === "connected") await writeSecret(tx, integrationId, "access_token", JSON.stringify(t), new Date(t.expiresAt));
      });
    },
  };
  return createOktaClient({
    domain: row.domain,
    credentials,
    rateLimitShare: row.rateLimitShare,
    events: opts.events,
    tokenCache: extra ? undefined : tokenCache,
    ...opts.limits,
  });
}
