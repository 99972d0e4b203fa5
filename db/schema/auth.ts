// Workspaces and the console's people: users, API keys, sign-in throttles.
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "../enums";
import { createdAt, ts } from "./columns";

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
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
    passwordHash: text().notNull(),
    // Set when the password was generated and printed (the first admin): the person must choose
    // their own before the console lets them do anything else.
    mustChangePassword: boolean().notNull().default(false),
    createdAt: createdAt(),
    lastSignInAt: ts(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`), index("users_workspace_idx").on(t.workspaceId)],
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

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;
