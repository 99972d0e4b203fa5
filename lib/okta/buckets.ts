// Which of Okta's rate-limit buckets a call counts against. Okta keeps a separate limit per endpoint
// family (emulator/ratelimit.ts serves the same buckets), so a busy /logs poll must not pause /users,
// and vice versa.

const ID = "[^/]+";
const RULES: Array<[RegExp, string, RegExp?]> = [
  [/^\/oauth2\/v1\/token$/, "oauth_token"],
  [/^\/oauth2\/[^/]+\/v1\/token$/, "oauth_token"],
  [/^\/api\/v1\/logs$/, "logs"],
  [/^\/api\/v1\/users$/, "users"],
  [new RegExp(`^/api/v1/users/${ID}(/.*)?$`), "user_get", /^GET$/],
  [new RegExp(`^/api/v1/users/${ID}(/.*)?$`), "user_write"],
  [/^\/api\/v1\/groups$/, "groups"],
  [new RegExp(`^/api/v1/groups/${ID}(/.*)?$`), "group"],
  [/^\/api\/v1\/apps$/, "apps"],
  [new RegExp(`^/api/v1/apps/${ID}$`), "app"],
  [new RegExp(`^/api/v1/apps/${ID}/`), "apps"],
];

export function bucketFor(method: string, pathname: string): string {
  const path = pathname.replace(/\/+$/, "") || "/";
  for (const [re, bucket, methods] of RULES) {
    if (re.test(path) && (!methods || methods.test(method.toUpperCase()))) return bucket;
  }
  return "other";
}
