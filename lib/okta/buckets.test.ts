import { describe, expect, it } from "vitest";
import { bucketFor } from "./buckets";

describe("bucketFor", () => {
  it.each([
    ["GET", "/api/v1/users", "users"],
    ["POST", "/api/v1/users", "users"],
    ["GET", "/api/v1/users/00u1", "user_get"],
    ["POST", "/api/v1/users/00u1", "user_write"],
    ["GET", "/api/v1/users/00u1/roles", "user_get"],
    ["POST", "/api/v1/users/00u1/lifecycle/suspend", "user_write"],
    ["GET", "/api/v1/groups", "groups"],
    ["GET", "/api/v1/groups/00g1/users", "group"],
    ["GET", "/api/v1/apps", "apps"],
    ["GET", "/api/v1/apps/0oa1", "app"],
    ["GET", "/api/v1/apps/0oa1/users", "apps"],
    ["GET", "/api/v1/logs", "logs"],
    ["GET", "/api/v1/logs/", "logs"],
    ["POST", "/oauth2/v1/token", "oauth_token"],
    ["GET", "/api/v1/idps", "other"],
    ["GET", "/api/v1/iam/assignees/users", "other"],
  ])("%s %s -> %s", (m, p, b) => expect(bucketFor(m, p)).toBe(b));
});
