// How long a console sign-in lasts. A session ends after IDLE of no requests, and at the latest
// ABSOLUTE after sign-in however busy it is. `lastSeenAt` is written at most once per TOUCH_EVERY,
// so a page's burst of requests costs one write.
export const SESSION_POLICY = {
  IDLE_MS: 12 * 60 * 60_000,
  ABSOLUTE_MS: 7 * 24 * 60 * 60_000,
  TOUCH_EVERY_MS: 60_000,
} as const;
