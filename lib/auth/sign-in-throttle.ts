// The sign-in throttle rows (sign_in_throttles): reserving an attempt atomically before its password
// is checked, settling it after a success, and purging rows whose window has passed. The rules are
// in throttle-policy.ts.
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { signInThrottles } from "@/db/schema";
import { type AttemptDecision, decideAttempt, THROTTLE, type ThrottleRow } from "./throttle-policy";

export interface ThrottleKeys {
  account: string;
  /** Null when the client's address is unknown. */
  client: string | null;
  pair: string;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  const account = email.trim().toLowerCase();
  return { account: `email:${account}`, client: ip ? `ip:${ip}` : null, pair: `pair:${ip ?? "unknown"} ${account}` };
}

/** Thrown inside the transaction so a refused attempt writes nothing (not even the rows it created). */
class Refused extends Error {
  constructor(readonly decision: AttemptDecision) {
    super("refused");
  }
}

/**
 * Decides an attempt and, unless it is refused, counts it as a failure in the same transaction: the
 * rows are locked (in key order, so two attempts never deadlock) before they are read, so parallel
 * attempts are decided one after the other and none can slip past a limit another just reached.
 */
export async function reserveAttempt(db: DbOrTx, keys: ThrottleKeys): Promise<AttemptDecision> {
  const all = [keys.account, keys.pair, ...(keys.client ? [keys.client] : [])].sort();
  try {
    return await db.transaction(async (tx) => {
      // Creates missing rows (no failures) and locks every row until the end of the transaction.
      const rows = await tx
        .insert(signInThrottles)
        .values(all.map((key) => ({ key, failures: 0 })))
        .onConflictDoUpdate({ target: signInThrottles.key, set: { key: sql`excluded.key` } })
        .returning();
      // The clock after the locks are held: time spent waiting for them is not counted as waiting.
      const [{ now }] = await tx.execute<{ now: number }>(sql`select floor(extract(epoch from clock_timestamp()) * 1000)::float8 as now`);
      const row = (key: string | null): ThrottleRow | null => {
        const r = rows.find((x) => x.key === key);
        return r
          ? {
              failures: r.failures,
              firstFailureAt: r.firstFailureAt.getTime(),
              lastFailureAt: r.lastFailureAt.getTime(),
              nextAttemptAt: r.lockedUntil?.getTime() ?? null,
            }
          : null;
      };
      const decision = decideAttempt({
        now,
        account: row(keys.account),
        client: row(keys.client),
        pair: row(keys.pair),
        clientKnown: keys.client !== null,
      });
      if (decision.kind === "refuse") throw new Refused(decision);
      const writes: Array<[string, ThrottleRow]> = [
        [keys.account, decision.account],
        [keys.pair, decision.pair],
        ...(keys.client && decision.client ? [[keys.client, decision.client] as [string, ThrottleRow]] : []),
      ];
      // Whole epoch milliseconds, added to the epoch exactly (postgres.js cannot bind a JS Date inside
      // a raw sql fragment, and to_timestamp(float) could round a millisecond away).
      const at = (ms: number | null) =>
        ms === null ? sql`null::timestamptz` : sql`(timestamptz 'epoch' + ${ms}::bigint * interval '1 millisecond')`;
      const values = sql.join(
        writes.map(
          ([key, w]) => sql`(${key}::text, ${w.failures}::int, ${at(w.firstFailureAt)}, ${at(w.lastFailureAt)}, ${at(w.nextAttemptAt)})`,
        ),
        sql`, `,
      );
      await tx.execute(sql`
        update ${signInThrottles} t
        set failures = v.failures, first_failure_at = v.first_at, last_failure_at = v.last_at, locked_until = v.next_at
        from (values ${values}) as v(key, failures, first_at, last_at, next_at)
        where t.key = v.key`);
      return decision;
    });
  } catch (err) {
    if (err instanceof Refused) return err.decision;
    throw err;
  }
}

/**
 * The password was right: the account's failures and this client's queue on it are forgotten, and the
 * client's count gives back the one this attempt reserved (only failures count against an address).
 */
export async function settleSuccess(db: DbOrTx, keys: ThrottleKeys) {
  await db.delete(signInThrottles).where(inArray(signInThrottles.key, [keys.account, keys.pair]));
  if (keys.client) {
    await db.execute(sql`update ${signInThrottles} set failures = greatest(failures - 1, 0) where key = ${keys.client}`);
  }
}

/**
 * Deletes up to PURGE_BATCH rows whose window has passed (oldest first), so a spray of distinct
 * emails or addresses cannot grow the table without bound. Called on every recorded failure; rows
 * another attempt holds are skipped, never waited for.
 */
export async function purgeStaleThrottles(db: DbOrTx): Promise<number> {
  const rows = await db.execute<{ key: string }>(sql`
    delete from ${signInThrottles} where key in (
      select key from ${signInThrottles}
      where last_failure_at < now() - make_interval(secs => ${THROTTLE.WINDOW_MS / 1000})
        and (locked_until is null or locked_until < now())
      order by last_failure_at
      limit ${THROTTLE.PURGE_BATCH}
      for update skip locked)
    returning key`);
  return rows.length;
}
