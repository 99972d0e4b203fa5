// Sealed credential rows of an integration. Each value is sealed with "integration:<id>:<kind>" as
// additional data, so a blob only opens in the row it was written for. Values sealed under an older
// encryption key are resealed with the current one when read.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrationSecrets, type SecretKind } from "@/db/schema";
import { needsReseal, seal, unseal } from "@/lib/crypto/seal";
import { log } from "@/lib/log";

export const aadFor = (integrationId: string, kind: SecretKind) => `integration:${integrationId}:${kind}`;

export async function writeSecret(db: DbOrTx, integrationId: string, kind: SecretKind, plaintext: string, expiresAt: Date | null = null) {
  const sealed = seal(plaintext, aadFor(integrationId, kind));
  await db
    .insert(integrationSecrets)
    .values({ integrationId, kind, sealed, expiresAt })
    .onConflictDoUpdate({
      target: [integrationSecrets.integrationId, integrationSecrets.kind],
      set: { sealed, expiresAt, updatedAt: new Date() },
    });
}

export async function readSecrets(
  integrationId: string,
  kinds?: SecretKind[],
  db: DbOrTx = getDb(),
): Promise<Partial<Record<SecretKind, { value: string; expiresAt: Date | null }>>> {
  const rows = await db
    .select()
    .from(integrationSecrets)
    .where(and(eq(integrationSecrets.integrationId, integrationId), kinds ? inArray(integrationSecrets.kind, kinds) : undefined));
  const out: Partial<Record<SecretKind, { value: string; expiresAt: Date | null }>> = {};
  for (const row of rows) {
    const value = unseal(row.sealed, aadFor(integrationId, row.kind));
    if (needsReseal(row.sealed)) await writeSecret(db, integrationId, row.kind, value, row.expiresAt);
    out[row.kind] = { value, expiresAt: row.expiresAt };
  }
  return out;
}

export async function deleteSecrets(db: DbOrTx, integrationId: string, kinds?: SecretKind[]) {
  const deleted = await db
    .delete(integrationSecrets)
    .where(and(eq(integrationSecrets.integrationId, integrationId), kinds ? inArray(integrationSecrets.kind, kinds) : undefined))
    .returning({ kind: integrationSecrets.kind });
  return deleted.length;
}

/** The id of the current transaction, to hand to purgeDeletedSecrets once it has committed. */
export async function currentXid(tx: DbOrTx): Promise<string> {
  const rows = (await tx.execute(sql`select pg_current_xact_id()::text as xid`)) as unknown as { xid: string }[];
  return rows[0].xid;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A deleted row stays in the table's pages until vacuumed, and a plain VACUUM only marks its space
 * free: the sealed bytes remain there until overwritten. VACUUM FULL rewrites the table (a few rows
 * per integration, so milliseconds) without them, but it keeps a row that a transaction still running
 * might see, and that includes its own snapshot, whose horizon is the oldest transaction running in
 * any database of the server. So it first waits (up to 10 s) until no transaction as old as
 * `deletedBy` (the deleting one, committed) is running and no session of this database holds a
 * snapshot from before it. The rewrite needs a moment's exclusive lock: if that does not come within
 * 2 s, a plain VACUUM at least makes the rows unreachable. Outside any transaction (VACUUM cannot run
 * in one); never throws.
 */
export async function purgeDeletedSecrets(
  deletedBy: string,
  tables: readonly ("integration_secrets" | "pending_keys" | "okta_sign_in_configs" | "totp_factors")[] = ["integration_secrets"],
): Promise<"full" | "plain" | "failed"> {
  // pg_stat_activity shows 32-bit xids; age() compares them across wraparound.
  const xid32 = (BigInt(deletedBy) % 2n ** 32n).toString();
  let conn: Awaited<ReturnType<ReturnType<typeof getDb>["$client"]["reserve"]>> | undefined;
  try {
    conn = await getDb().$client.reserve();
    for (let waited = 0; waited < 10_000; waited += 50) {
      const [{ ready }] = await conn<{ ready: boolean }[]>`
        select pg_snapshot_xmin(pg_current_snapshot()) > ${deletedBy}::xid8
          and not exists (
            select 1 from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
              and (age(backend_xmin) >= age(${xid32}::xid) or age(backend_xid) >= age(${xid32}::xid))
          ) as ready`;
      if (ready) break;
      await sleep(50);
    }
    await conn`set lock_timeout = '2s'`;
    let outcome: "full" | "plain" = "full";
    for (const table of tables) {
      try {
        await conn.unsafe(`vacuum full ${table}`);
      } catch (e) {
        if ((e as { code?: string }).code !== "55P03") throw e; // lock_not_available
        await conn.unsafe(`vacuum ${table}`);
        outcome = "plain";
      }
    }
    return outcome;
  } catch (error) {
    log.warn("could not vacuum the secrets tables after deleting or resealing secrets", { tables, error });
    return "failed";
  } finally {
    if (conn) {
      await conn`reset lock_timeout`.catch(() => {});
      conn.release();
    }
  }
}
