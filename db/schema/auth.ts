// Workspaces and the console's people: users, API keys, sessions, sign-in throttles, second factors
// and sign-in with Okta.
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES, SIGN_IN_METHODS } from "../enums";
import { createdAt, ts } from "./columns";

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  // Password sign-ins need a TOTP code too: people without one enrol before anything else.
  requireTotp: boolean().notNull().default(false),
  // Hours an action request waits for approval before it expires; null = ACTION_APPROVAL_HOURS (72).
  actionApprovalHours: integer(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull().default(""),
    role: text({ enum: ROLES }).notNull().default("viewer"),
    // NO_PASSWORD (lib/auth/passwords.ts) for people created by sign-in with Okta: no password opens it.
    passwordHash: text().notNull(),
    // Set when the password was generated and printed (the first admin): the person must choose
    // their own before the console lets them do anything else.
    mustChangePassword: boolean().notNull().default(false),
    // The Okta user id (the ID token's `sub`) once the person has signed in with Okta.
    oktaSubject: text(),
    createdAt: createdAt(),
    lastSignInAt: ts(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_workspace_idx").on(t.workspaceId),
    uniqueIndex("users_okta_subject_unique").on(t.workspaceId, t.oktaSubject),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // The key acts with this user's role.
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // First characters of the key, shown so an admin can tell keys apart. Not enough to use it.
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    // A read-only key acts as a viewer whatever its owner's role.
    readOnly: boolean().notNull().default(false),
    // After this the key is refused (401) with a message saying it expired.
    expiresAt: ts(),
    createdAt: createdAt(),
    lastUsedAt: ts(),
    revokedAt: ts(),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);

// Console sign-in sessions. The session cookie (an Auth.js JWT) carries only this row's id; a
// request is signed in only while the row exists and is neither idle-expired nor past its absolute
// lifetime, so deleting the row ends the session at once (sign-out, password or role change,
// removal, "sign out everywhere").
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: ts().notNull().defaultNow(),
    // Absolute end of the session, fixed at sign-in.
    expiresAt: ts().notNull(),
    clientAddress: text().notNull().default(""),
    userAgent: text().notNull().default(""),
    // How the person signed in: a password (and TOTP code, where enrolled) or Okta.
    method: text({ enum: SIGN_IN_METHODS }).notNull().default("password"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_workspace_idx").on(t.workspaceId)],
);

// Failed sign-ins per account and per client address, for slowing down and locking out guessing.
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: ts().notNull().defaultNow(),
  lastFailureAt: ts().notNull().defaultNow(),
  lockedUntil: ts(),
});

// A person's TOTP authenticator. The secret is sealed (lib/crypto/seal.ts, bound to "totp:<userId>");
// the row exists unconfirmed from the start of enrolment until the first code confirms it.
export const totpFactors = pgTable("totp_factors", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  sealedSecret: text().notNull(),
  confirmedAt: ts(),
  // The time step of the last accepted code: each code opens one sign-in only.
  lastStep: integer(),
  createdAt: createdAt(),
});

// One-time recovery codes for a TOTP user, stored as SHA-256 hashes of 80-bit random codes.
export const totpRecoveryCodes = pgTable(
  "totp_recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [index("totp_recovery_codes_user_idx").on(t.userId)],
);

// The step between a right password and the TOTP code: a short-lived ticket (stored hashed) that
// stands for "this person's password was right" until the code is checked.
export const signInChallenges = pgTable(
  "sign_in_challenges",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: ts().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_challenges_user_idx").on(t.userId)],
);

// Sign-in with Okta (OIDC, authorization code with PKCE) for one workspace: the Okta org's OIDC app
// and which Okta groups make a console admin or viewer. The client secret is sealed, bound to
// "okta-sign-in:<workspaceId>:client_secret".
export const oktaSignInConfigs = pgTable("okta_sign_in_configs", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  issuer: text().notNull(),
  clientId: text().notNull(),
  sealedClientSecret: text().notNull(),
  adminGroups: text().array().notNull().default(sql`'{}'::text[]`),
  // Operators may request actions on Okta but not approve them or change settings.
  operatorGroups: text().array().notNull().default(sql`'{}'::text[]`),
  viewerGroups: text().array().notNull().default(sql`'{}'::text[]`),
  enabled: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: ts().notNull().defaultNow(),
});

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type TotpFactor = typeof totpFactors.$inferSelect;
export type OktaSignInConfig = typeof oktaSignInConfigs.$inferSelect;
