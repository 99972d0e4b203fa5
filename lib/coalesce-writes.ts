// Group commit for many concurrent producers of rows: `add(items)` resolves (or rejects) once a write
// that holds those items is done. One write runs at a time; what arrives meanwhile is written together
// by the next one, so the number of writes adapts to the load (one per item when idle, a few large ones
// in a burst) instead of one per producer. `lane` (optional) is shared by several coalescers whose
// writes must not overlap either (they take the same locks, see lib/sync/reread.ts).

export type Lane = <R>(fn: () => Promise<R>) => Promise<R>;

/** One at a time, in call order. */
export function serialLane(): Lane {
  let tail: Promise<unknown> = Promise.resolve();
  return <R>(fn: () => Promise<R>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function coalesceWrites<T>(write: (items: T[]) => Promise<void>, lane: Lane = serialLane()) {
  let pending: T[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiters.length) {
      const items = pending;
      const those = waiters;
      pending = [];
      waiters = [];
      try {
        await lane(() => write(items));
        for (const w of those) w.resolve();
      } catch (e) {
        for (const w of those) w.reject(e);
      }
    }
    running = false;
  };
  return (items: T[]) =>
    new Promise<void>((resolve, reject) => {
      for (const x of items) pending.push(x);
      waiters.push({ resolve, reject });
      if (!running) void drain();
    });
}
