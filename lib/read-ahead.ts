// Asks a source for its next item while the caller is still busy with the current one: a walk of
// Okta pages then fetches page N+1 while page N is being written, instead of one after the other.
// One item ahead at most. When the caller stops early (break, throw), the read in flight is waited
// for and dropped, and the source is ended; a read that fails after the caller stopped is ignored.

export async function* readAhead<T>(source: AsyncIterator<T>): AsyncGenerator<T, void, undefined> {
  let next = source.next();
  // Settled either by the loop below or in `finally`; never an unhandled rejection meanwhile.
  next.catch(() => {});
  let finished = false;
  try {
    while (true) {
      const r = await next;
      if (r.done) {
        finished = true;
        return;
      }
      next = source.next();
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    if (!finished) {
      const ended = await next.then(
        (r) => !!r.done,
        () => true,
      );
      if (!ended) await source.return?.(undefined);
    }
  }
}
