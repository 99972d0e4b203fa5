// Contracts of the Activity API (GET /api/activity, /api/activity/{id}, /api/activity.csv), shared by
// the routes, the pages and their client components. Drizzle-free.
import { z } from "zod";
import { isDateInRange } from "@/lib/api/safe-input";

// Okta's LogOutcome.result values.
export const OUTCOMES = [
  "SUCCESS",
  "FAILURE",
  "SKIPPED",
  "ALLOW",
  "DENY",
  "CHALLENGE",
  "UNKNOWN",
  "RATE_LIMIT",
  "DEFERRED",
  "SCHEDULED",
  "ABANDONED",
  "UNANSWERED",
] as const;

// A day (`2026-03-01`, midnight UTC) or a date-time with its zone (`2026-03-01T09:30:00Z`,
// `…+02:00`): a time without a zone would mean the server's zone, which the caller cannot know.
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;
const instant = (name: string) =>
  z
    .string()
    .refine(
      (s) => INSTANT.test(s) && isDateInRange(s) && !Number.isNaN(Date.parse(s)),
      `${name} must be a date (2026-03-01) or a date-time with its zone (2026-03-01T09:30:00Z), between 1970 and 9999`,
    )
    .transform((s) => new Date(s));

/** An Okta id, login or name typed into a filter: one line of printable text. */
const term = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be empty`)
    .max(200, `${name} must be at most 200 characters`)
    .regex(/^[^\p{Cc}]*$/u, `${name} must be one line of text`);

const filterShape = {
  outcome: z.enum(OUTCOMES, `outcome must be one of ${OUTCOMES.join(", ")}`).optional(),
  eventType: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_.]+$/, "eventType must look like user.session.start")
    .optional(),
  /** Who acted: their Okta id or login (exact), else part of their name or login. */
  actor: term("actor").optional(),
  /** What was acted on: an Okta id, login or name of one of the event's targets (exact). */
  target: term("target").optional(),
  /** From this time (inclusive). */
  from: instant("from").optional(),
  /** Up to this time (exclusive). */
  to: instant("to").optional(),
  /** Part of the actor's name or login. */
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
  integrationId: z.uuid("integrationId must be a UUID").optional(),
};

const toAfterFrom = (f: { from?: Date; to?: Date }, ctx: z.RefinementCtx) => {
  if (f.from && f.to && f.to <= f.from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be later than from" });
};

/** The filters the Activity page offers, in the order its URL shows them (lib/links.ts writes links the same way). */
export const ACTIVITY_FILTER_NAMES = ["actor", "target", "eventType", "outcome", "from", "to"] as const;
export type ActivityPageFilters = Record<(typeof ACTIVITY_FILTER_NAMES)[number], string>;

/** The Activity filters (the CSV export takes exactly these). */
export const activityFilters = z.strictObject(filterShape).superRefine(toAfterFrom);
export type ActivityFilters = z.output<typeof activityFilters>;

/** A page of the list: the filters, a cursor and a page size. */
export const activityQuery = z
  .strictObject({
    ...filterShape,
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(toAfterFrom);
export type ActivityQuery = z.output<typeof activityQuery>;

const target = z.object({
  id: z.string().nullable(),
  type: z.string().nullable(),
  alternateId: z.string().nullable(),
  displayName: z.string().nullable(),
});
export type ActivityTarget = z.infer<typeof target>;

export const activityItem = z.object({
  id: z.string(),
  integrationId: z.string(),
  published: z.coerce.date(),
  eventType: z.string(),
  /** The action in plain words (lib/activity/event-types.ts), Okta's displayMessage for a type the catalogue lacks. */
  action: z.string(),
  /** What happened after the actor's name: "added Jane Doe to aws-prod-admins". */
  summary: z.string(),
  displayMessage: z.string().nullable(),
  severity: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  actor: z.object({
    id: z.string().nullable(),
    login: z.string().nullable(),
    displayName: z.string().nullable(),
    type: z.string().nullable(),
  }),
  targets: z.array(target),
  app: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  clientIp: z.string().nullable(),
  location: z.string().nullable(),
});
export type ActivityItem = z.infer<typeof activityItem>;

export const activityPage = z.object({ items: z.array(activityItem), nextCursor: z.string().nullable() });
export type ActivityPage = z.infer<typeof activityPage>;

export const eventTypeCount = z.object({ eventType: z.string(), count: z.number() });

/** GET /api/activity/{id}: the path id (Okta's uuid of the event) and which integration, when two hold it. */
export const eventParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, "id must be an event id like dc9fd3c0-598c-11ef-8478-2b7584bf8d5a"),
});
export const eventQuery = z.strictObject({ integrationId: z.uuid("integrationId must be a UUID").optional() });

/** One event, everything the console keeps of it. */
export const activityEvent = activityItem.extend({
  // Whether the actor and each target are in the synced directory now (a person, group or app page to open).
  actor: activityItem.shape.actor.extend({ inDirectory: z.boolean() }),
  targets: z.array(target.extend({ inDirectory: z.boolean() })),
  integration: z.object({ id: z.string(), name: z.string() }),
  client: z.object({
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    os: z.string().nullable(),
    browser: z.string().nullable(),
    device: z.string().nullable(),
    zone: z.string().nullable(),
  }),
  place: z.object({
    city: z.string().nullable(),
    state: z.string().nullable(),
    country: z.string().nullable(),
    postalCode: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  }),
  /** Okta's event as the sync stored it, through the log's redaction; null for events stored before it was kept. */
  raw: z.record(z.string(), z.unknown()).nullable(),
});
export type ActivityEvent = z.infer<typeof activityEvent>;
