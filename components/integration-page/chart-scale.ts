// Axis scales for the integration page's charts: round maxima and ticks a person reads at a glance
// ("0, 250, 500"; "0, 30 s, 1 min, 1 min 30 s"), never a tick like "1 min 23 s". Pure, for tests.

/** A round axis maximum: 1, 2, 5 x 10^n at or above the largest value. */
export function niceMax(v: number) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}

/** Count ticks: 0, half the round maximum, the round maximum. */
export function countTicks(max: number) {
  const top = niceMax(max);
  return top === 1 ? [0, 1] : [0, top / 2, top];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// Steps a duration axis may take, each a length people count in.
const DURATION_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  6 * HOUR,
  12 * HOUR,
];

/** Duration ticks from 0 to at least `maxMs` in at most four equal, round steps (one step of 1 s when nothing took longer). */
export function durationTicks(maxMs: number) {
  const step = DURATION_STEPS.find((s) => s * 4 >= maxMs) ?? Math.ceil(maxMs / 4 / HOUR) * HOUR;
  const count = Math.max(1, Math.ceil(maxMs / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
