// Response contracts of /api/directory, parsed by the pages' react-query hooks so dates are Dates on
// the client whether the data came from the server render or from a fetch.
import { z } from "zod";

const date = z.coerce.date().nullable();
const str = z.string().nullable();
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const ref = z.object({ id: z.string(), name: z.string() });
export const heldRole = z.object({ roleType: z.string(), label: str, customRoleId: str, via: ref.nullable() });

export const userListItem = z.object({
  integrationId: z.string(),
  integrationName: z.string(),
  id: z.string(),
  login: z.string(),
  email: str,
  firstName: str,
  lastName: str,
  displayName: str,
  status: z.string(),
  department: str,
  title: str,
  lastLogin: date,
  created: date,
  statusChanged: date,
  userType: str,
  location: str,
  manager: str,
  managerId: str,
  /** Admin roles held directly or through a group. */
  adminRoles: z.array(heldRole),
});
export const userPage = page(userListItem);

export const groupListItem = z.object({
  integrationId: z.string(),
  integrationName: z.string(),
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: str,
  created: date,
  lastMembershipUpdated: date,
  memberCount: z.number(),
  appCount: z.number(),
});
export const groupPage = page(groupListItem);

export const appListItem = z.object({
  integrationId: z.string(),
  integrationName: z.string(),
  id: z.string(),
  name: z.string(),
  label: z.string(),
  status: z.string(),
  signOnMode: str,
  created: date,
  lastUpdated: date,
  userCount: z.number(),
  groupCount: z.number(),
});
export const appPage = page(appListItem);

const member = z.object({
  integrationId: z.string(),
  id: z.string(),
  login: z.string(),
  email: str,
  firstName: str,
  lastName: str,
  displayName: str,
  status: z.string(),
  department: str,
  title: str,
  lastLogin: date,
});
export const memberPage = page(member);
export const appUserPage = page(
  member.extend({
    scope: str,
    assignmentStatus: str,
    syncState: str,
    userName: str,
    direct: z.boolean(),
    viaGroups: z.array(ref),
    /** The last SSO sign-in to this app in the synced System Log; null when none was seen. */
    lastUsedAt: date,
  }),
);

const integration = z.object({ id: z.string(), name: z.string(), domain: z.string() });

export const userDetail = z.object({
  integration,
  adminUrl: z.string(),
  user: z.object({
    integrationId: z.string(),
    id: z.string(),
    status: z.string(),
    login: z.string(),
    email: str,
    firstName: str,
    lastName: str,
    displayName: str,
    department: str,
    title: str,
    manager: str,
    managerId: str,
    location: str,
    employeeNumber: str,
    userType: str,
    typeId: str,
    created: date,
    activated: date,
    statusChanged: date,
    lastLogin: date,
    lastUpdated: date,
    passwordChanged: date,
    firstSeenAt: date,
    updatedAt: date,
    deletedAt: date,
    profile: z.record(z.string(), z.unknown()),
  }),
  manager: z.object({ id: z.string(), firstName: str, lastName: str, displayName: str, login: z.string() }).nullable(),
  groups: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), description: str })),
  apps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      label: z.string(),
      status: z.string(),
      signOnMode: str,
      direct: z.boolean(),
      viaGroups: z.array(ref),
      assignment: z.object({ appId: z.string(), scope: str, status: str, syncState: str, userName: str }).nullable(),
      /** The last SSO sign-in to this app in the synced System Log. */
      lastUsedAt: date,
    }),
  ),
  roles: z.array(
    z.object({
      id: z.string(),
      principalType: z.string(),
      principalId: z.string(),
      roleType: z.string(),
      label: str,
      status: str,
      via: ref.nullable(),
    }),
  ),
  signIns: z.array(
    z.object({
      uuid: z.string(),
      published: z.coerce.date(),
      eventType: z.string(),
      outcomeResult: str,
      outcomeReason: str,
      displayMessage: str,
      appName: str,
      clientIp: str,
      city: str,
      state: str,
      country: str,
      userAgent: str,
    }),
  ),
});

export const groupDetail = z.object({
  integration,
  adminUrl: z.string(),
  group: z.object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    description: str,
    sourceAppId: str,
    created: date,
    lastUpdated: date,
    lastMembershipUpdated: date,
    oktaMemberCount: z.number().nullable(),
    profile: z.record(z.string(), z.unknown()),
    memberCount: z.number(),
  }),
  apps: z.array(
    z.object({ id: z.string(), name: z.string(), label: z.string(), status: z.string(), signOnMode: str, priority: z.number().nullable() }),
  ),
  roles: z.array(z.object({ id: z.string(), roleType: z.string(), label: str, status: str })),
  sourceApp: z.object({ id: z.string(), label: z.string() }).nullable(),
});

export const appDetail = z.object({
  integration,
  adminUrl: z.string(),
  app: z.object({
    id: z.string(),
    name: z.string(),
    label: z.string(),
    status: z.string(),
    signOnMode: str,
    created: date,
    lastUpdated: date,
  }),
  counts: z.object({ users: z.number(), direct: z.number(), viaGroup: z.number() }),
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), type: z.string(), priority: z.number().nullable(), memberCount: z.number() }),
  ),
});

export const unusedAccess = z.object({
  days: z.number(),
  /** Unused means no sign-in to the app since this instant (or never). */
  since: z.coerce.date(),
  /** The oldest app sign-in the System Log copy holds: before it, usage is unknown. Null when none. */
  usageKnownSince: date,
  apps: z.array(
    z.object({
      integrationId: z.string(),
      integrationName: z.string(),
      id: z.string(),
      label: z.string(),
      name: z.string(),
      status: z.string(),
      signOnMode: str,
      assigned: z.number(),
      /** Assigned but no sign-in to the app since `since`, or never. */
      unused: z.number(),
      /** Assigned and never seen signing in to it. */
      neverUsed: z.number(),
      lastUsedAt: date,
    }),
  ),
});

const facet = z.object({ value: z.string(), count: z.number() });
const roleFacet = z.object({ value: z.string(), roleType: z.string(), label: z.string(), count: z.number() });
export const facets = z.object({
  integrations: z.array(z.object({ id: z.string(), name: z.string(), domain: z.string(), state: z.string() })),
  totals: z.object({ users: z.number(), groups: z.number(), apps: z.number() }),
  userStatuses: z.array(facet),
  departments: z.array(facet),
  userTypes: z.array(facet),
  locations: z.array(facet),
  /** Managers by how many people name them (the most named first, capped). */
  managers: z.array(facet.extend({ label: z.string() })),
  /** Standard roles by type and custom roles by id, with how many people hold each. */
  adminRoles: z.array(roleFacet),
  groupTypes: z.array(facet),
  appStatuses: z.array(facet),
  signOnModes: z.array(facet),
});

export type UserPageData = z.infer<typeof userPage>;
export type UserListRow = z.infer<typeof userListItem>;
export type GroupPageData = z.infer<typeof groupPage>;
export type GroupListRow = z.infer<typeof groupListItem>;
export type AppPageData = z.infer<typeof appPage>;
export type AppListRow = z.infer<typeof appListItem>;
export type MemberPageData = z.infer<typeof memberPage>;
export type AppUserPageData = z.infer<typeof appUserPage>;
export type UserDetailData = z.infer<typeof userDetail>;
export type GroupDetailData = z.infer<typeof groupDetail>;
export type AppDetailData = z.infer<typeof appDetail>;
export type FacetsData = z.infer<typeof facets>;
export type UnusedAccessData = z.infer<typeof unusedAccess>;
