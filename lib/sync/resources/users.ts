// Users of every status. A plain /api/v1/users leaves DEPROVISIONED users out; any `search` includes
// them, and `status pr` matches everyone (PITFALLS "Reading"). 200 is the largest page Okta serves.
import type { ResourceContext } from "../run-context";
import { oktaUserSchema, userRow, usersTable } from "../tables";
import { walkList } from "./walk";

export async function syncUsers(ctx: ResourceContext) {
  await walkList(ctx, { path: "/api/v1/users", query: { search: "status pr", limit: 200 }, schema: oktaUserSchema, toRow: userRow, spec: usersTable, what: "users" });
}
