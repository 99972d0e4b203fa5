// Zod schemas of the Okta objects the console reads: the one set used by the sync, the event hooks
// and the checks (lib/sync/tables.ts maps them to rows). Okta adds fields and enum values over time
// and real payloads carry nulls or wrong types where the spec says string; none of that may fail a
// run. So: unknown fields are kept (loose objects), enums are plain strings, a field of the wrong type
// (or a time Postgres cannot store) becomes null, and only a missing id (or, for System Log events,
// uuid and a storable published time) rejects an object; the caller counts it and goes on. Strings
// Postgres cannot hold (NUL, lone surrogates) are cleaned by the batch writer (lib/sync/clean-values.ts).
import { z } from "zod";

const str = z.string().nullish().catch(null);
const num = z.number().nullish().catch(null);
const obj = z.record(z.string(), z.unknown()).nullish().catch(null);
/** Okta's time stamps; anything else is dropped rather than handed to Postgres as a timestamptz. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO time stamp Postgres stores as a timestamptz: the shape, and a date and time that exist
 * (JavaScript's Date accepts Feb 30 and year 0; Postgres refuses them and would fail the object).
 */
export function isStorableTime(v: string): boolean {
  if (!ISO_TIME.test(v)) return false;
  const n2 = (i: number) => (v.charCodeAt(i) - 48) * 10 + (v.charCodeAt(i + 1) - 48);
  const year = n2(0) * 100 + n2(2);
  const month = n2(5);
  const day = n2(8);
  if (year < 1 || month < 1 || month > 12 || day < 1 || n2(11) > 23 || n2(14) > 59 || n2(17) > 59) return false;
  if (day > DAYS_IN_MONTH[month - 1]) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (!v.endsWith("Z")) {
    const colon = v.charCodeAt(v.length - 3) === 58;
    const at = v.length - (colon ? 5 : 4);
    if (n2(at) > 15 || n2(v.length - 2) > 59) return false;
  }
  return true;
}
const date = z
  .string()
  .nullish()
  .catch(null)
  .transform((v) => (v && isStorableTime(v) ? v : null));
const profile = z.record(z.string(), z.unknown()).catch({});
const id = z.string().min(1);

/** Any Okta object of which only the id is needed (group members, a user's groups). */
export const idOnlySchema = z.looseObject({ id });

export const oktaUserSchema = z.looseObject({
  id,
  status: z.string().catch("UNKNOWN"),
  created: date,
  activated: date,
  statusChanged: date,
  lastLogin: date,
  lastUpdated: date,
  passwordChanged: date,
  type: z.looseObject({ id: str }).nullish().catch(null),
  profile,
});
export type OktaUser = z.infer<typeof oktaUserSchema>;

export const oktaGroupSchema = z.looseObject({
  id,
  type: z.string().catch("UNKNOWN"),
  created: date,
  lastUpdated: date,
  lastMembershipUpdated: date,
  profile,
  source: z.looseObject({ id: str }).nullish().catch(null),
  _links: obj,
  _embedded: z
    .looseObject({
      stats: z
        .looseObject({ usersCount: num, hasAdminPrivilege: z.boolean().nullish().catch(null) })
        .nullish()
        .catch(null),
    })
    .nullish()
    .catch(null),
});
export type OktaGroup = z.infer<typeof oktaGroupSchema>;

export const oktaAppSchema = z.looseObject({
  id,
  name: z.string().catch(""),
  label: z.string().catch(""),
  status: z.string().catch("UNKNOWN"),
  signOnMode: str,
  created: date,
  lastUpdated: date,
});
export type OktaApp = z.infer<typeof oktaAppSchema>;

/** An app's user (GET /apps/{app}/users): the assignment. Only the user name is read from its credentials. */
export const oktaAppUserSchema = z.looseObject({
  id,
  scope: str,
  status: str,
  syncState: str,
  externalId: str,
  created: date,
  lastUpdated: date,
  statusChanged: date,
  credentials: z.looseObject({ userName: str }).nullish().catch(null),
});
export type OktaAppUser = z.infer<typeof oktaAppUserSchema>;

/** An app's group (GET /apps/{app}/groups): the assignment. */
export const oktaAppGroupSchema = z.looseObject({ id, priority: num, lastUpdated: date });
export type OktaAppGroup = z.infer<typeof oktaAppGroupSchema>;

/** An admin role assigned to a user or group. */
export const oktaRoleSchema = z.looseObject({
  id,
  type: z.string().catch("UNKNOWN"),
  label: str,
  status: str,
  assignmentType: str,
  role: str,
  "resource-set": str,
  created: date,
  lastUpdated: date,
});
export type OktaRole = z.infer<typeof oktaRoleSchema>;

export const oktaIdpSchema = z.looseObject({
  id,
  type: z.string().catch("UNKNOWN"),
  name: z.string().catch(""),
  status: z.string().catch("UNKNOWN"),
  protocol: z.looseObject({ type: str }).nullish().catch(null),
  created: date,
  lastUpdated: date,
});
export type OktaIdp = z.infer<typeof oktaIdpSchema>;

const logActor = z.looseObject({ id: str, type: str, alternateId: str, displayName: str });
export const oktaLogEventSchema = z.looseObject({
  uuid: id,
  published: z.string().refine(isStorableTime),
  eventType: z.string().catch("unknown"),
  severity: str,
  displayMessage: str,
  outcome: z.looseObject({ result: str, reason: str }).nullish().catch(null),
  actor: logActor.nullish().catch(null),
  target: z
    .array(logActor.catch({ id: null, type: null, alternateId: null, displayName: null }))
    .nullish()
    .catch(null),
  client: z
    .looseObject({
      ipAddress: str,
      userAgent: z.looseObject({ rawUserAgent: str }).nullish().catch(null),
      geographicalContext: z
        .looseObject({ city: str, state: str, country: str, geolocation: z.looseObject({ lat: num, lon: num }).nullish().catch(null) })
        .nullish()
        .catch(null),
    })
    .nullish()
    .catch(null),
});
export type OktaLogEvent = z.infer<typeof oktaLogEventSchema>;

/** GET /.well-known/okta-organization: identifies an Okta org without credentials. */
export const oktaOrganizationSchema = z.looseObject({ id: z.string(), pipeline: str, _links: obj });
export type OktaOrganization = z.infer<typeof oktaOrganizationSchema>;
