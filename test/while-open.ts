// Two writers at once, in a fixed order: `first` runs in a transaction that stays open while `second`
// runs, then commits. Reports whether `second` waited for that commit (it had not finished 300 ms on),
// the check that a trigger's advisory lock orders the two.
import type { TransactionSql } from "postgres";
import { getDb } from "@/db";

export async function whileOpen(first: (tx: TransactionSql) => Promise<unknown>, second: () => Promise<unknown>): Promise<boolean> {
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let written!: () => void;
  const wrote = new Promise<void>((r) => {
    written = r;
  });
  const open = getDb().$client.begin(async (tx) => {
    await first(tx);
    written();
    await held;
  });
  await wrote;
  let done = false;
  const other = second().then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 300));
  const waited = !done;
  release();
  await Promise.all([open, other]);
  return waited;
}
