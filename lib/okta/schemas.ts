// Lenient zod schemas of the Okta objects we read. Okta adds fields and enum values over time and
// real payloads carry nulls where the spec says string; none of that may fail a sync (PITFALLS
// "Reading"). So: loose objects (unknown fields kept), enums as plain strings, nullish everywhere but ids.
import { z } from "zod";

const s = z.string().nullish();
const date = z.string().nullish();
const links = z.record(z.string(), z.unknown()).nullish();
const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const OktaUser = loose({
  id: z.string(),
  status: z.string().catch("UNKNOWN"),
  created: date,
  activated: date,
  statusChanged: date,
  lastLogin: date,
  lastUpdated: date,
  passwordChanged: date,
  type: loose({ id: s }).nullish(),
  profile: loose({ login: z.string().catch(""), email: s, firstName: s, lastName: s, displayName: s }).catch({ login: "" }),
  _links: links,
});

export const OktaGroup = loose({
  id: z.string(),
  type: z.string().catch("UNKNOWN"),
  created: date,
  lastUpdated: date,
  lastMembershipUpdated: date,
  objectClass: z.array(z.string()).nullish(),
  profile: loose({ name: z.string().catch(""), description: s }).catch({ name: "" }),
  _embedded: loose({ stats: loose({ usersCount: z.number().nullish() }).nullish() }).nullish(),
  _links: links,
});

export const OktaApp = loose({
  id: z.string(),
  name: z.string().catch(""),
  label: z.string().catch(""),
  status: z.string().catch("UNKNOWN"),
  signOnMode: s,
  created: date,
  lastUpdated: date,
  _links: links,
});

export const OktaAppUser = loose({
  id: z.string(),
  externalId: s,
  scope: s,
  status: s,
  syncState: s,
  created: date,
  lastUpdated: date,
  statusChanged: date,
  credentials: loose({ userName: s }).nullish(),
  _links: links,
});

export const OktaAppGroup = loose({
  id: z.string(),
  priority: z.number().nullish(),
  lastUpdated: date,
  _links: links,
});

export const OktaRole = loose({
  id: z.string(),
  type: z.string().catch("UNKNOWN"),
  label: s,
  status: s,
  assignmentType: s,
  created: date,
  lastUpdated: date,
  role: s,
  "resource-set": s,
  _links: links,
});

export const OktaIdp = loose({
  id: z.string(),
  type: z.string().catch("UNKNOWN"),
  name: z.string().catch(""),
  status: z.string().catch("UNKNOWN"),
  created: date,
  lastUpdated: date,
  protocol: loose({ type: s }).nullish(),
});

const actorLike = loose({ id: s, type: s, alternateId: s, displayName: s });

export const OktaLogEvent = loose({
  uuid: z.string(),
  published: z.string(),
  eventType: z.string(),
  severity: s,
  displayMessage: s,
  outcome: loose({ result: s, reason: s }).nullish(),
  actor: actorLike.nullish(),
  target: z.array(actorLike).nullish(),
  client: loose({
    ipAddress: s,
    userAgent: loose({ rawUserAgent: s }).nullish(),
    geographicalContext: loose({
      city: s,
      state: s,
      country: s,
      geolocation: loose({ lat: z.number().nullish(), lon: z.number().nullish() }).nullish(),
    }).nullish(),
  }).nullish(),
});

/** GET /.well-known/okta-organization: identifies an Okta org without credentials. */
export const OktaOrganization = loose({ id: z.string(), pipeline: s, _links: links });

export type OktaUserT = z.infer<typeof OktaUser>;
export type OktaGroupT = z.infer<typeof OktaGroup>;
export type OktaAppT = z.infer<typeof OktaApp>;
export type OktaLogEventT = z.infer<typeof OktaLogEvent>;
