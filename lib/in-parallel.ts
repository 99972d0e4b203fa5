// Runs an async step over a list, at most `concurrency` at a time, started in the list's order.
// The first step that fails rejects the whole; the other lanes go on through the list regardless.

export async function inParallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}
