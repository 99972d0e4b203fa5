// The pure diagnosis rules, table by table: facts in (as the probes gather them from Okta and the
// database), verdict out. Causes the emulator cannot produce (a custom domain, another org behind the
// domain, events only before the window, pacing) are covered here.
import { describe, expect, it } from "vitest";
import { READ_SCOPES } from "@/lib/integrations/contracts";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import { adminLinks } from "../admin-links";
import { CHECKS, PLANS } from "../catalog";
import type { CheckContext, CheckOutcome } from "../check-def";
import { SYMPTOMS } from "../contracts";
import type { ReadFacts, TokenFacts } from "../probes";
import { adminRoleRule, type ScopeFacts, scopeRule } from "./access";
import { type CountRow, type CountsFacts, countsRule } from "./counts";
import { credentialsRule, dpopRule } from "./credentials";
import { domainFormatRule, domainReachableRule, oktaOrgRule, sameOrgRule } from "./domain";
import { eventHooksRule } from "./event-hooks";
import { type LastSyncRow, lastSyncRule } from "./last-sync";
import { type LogWindowFacts, logWindowRule } from "./log-window";
import { type RateLimitFacts, rateLimitRule } from "./rate-limits";

const hook = {
  mode: "registered" as const,
  registered: true,
  verifiedAt: "2026-01-01T00:00:00.000Z",
  lastDeliveryAt: "2026-01-01T00:05:00.000Z",
  authFailures: 0,
  lastAuthFailureAt: null,
  failedEvents: 0,
  eventsToday: 12,
};
const hookFacts = { fullSyncIntervalMinutes: 1440, incrementalSyncIntervalMinutes: 15, lastSyncFinishedAt: null };
const ctx: CheckContext = {
  target: "stored",
  symptom: "all",
  method: "private_key_jwt",
  host: "acme.okta.com",
  links: adminLinks("https://acme.okta.com", "private_key_jwt", "0oa1"),
  requestedScopes: READ_SCOPES,
};
const tokenCtx: CheckContext = { ...ctx, method: "api_token", links: adminLinks("https://acme.okta.com", "api_token", null) };
const err = (f: Partial<OktaErrorFacts>): OktaErrorFacts => ({ status: 400, kind: "client", message: "Okta answered", ...f });
const text = (o: CheckOutcome) => [o.summary, o.fix ?? "", ...(o.evidence ?? []).map((e) => `${e.label}: ${e.value}`)].join(" | ");

/** [name, outcome, status, cause, text the verdict must contain] */
type Row = [string, () => CheckOutcome, "pass" | "warn" | "fail", string | null, RegExp];
const table = (rows: Row[]) =>
  it.each(rows)("%s", (_, run, status, cause, words) => {
    const o = run();
    expect([o.status, o.status === "pass" ? null : (o.cause ?? null)]).toEqual([status, cause]);
    expect(text(o)).toMatch(words);
    if (o.status !== "pass") expect(o.fix?.length).toBeGreaterThan(20);
  });

describe("domain", () => {
  const domain = (origin: string, kind: "okta" | "custom" | "allowlisted", changes: string[] = []) => ({
    ok: true as const,
    input: origin,
    stored: true,
    domain: { origin, host: new URL(origin).host, kind, changes },
  });
  const disc = (over: object = {}) => ({
    origin: "https://acme.okta.com",
    org: { status: 200, orgId: "00o1", pipeline: "idx", contentType: "application/json", durationMs: 40 },
    oidc: null,
    network: null,
    ...over,
  });
  table([
    [
      "an Okta domain",
      () => domainFormatRule(domain("https://acme.okta.com", "okta", ['Removed "-admin"']), ctx),
      "pass",
      null,
      /acme\.okta\.com is an Okta org domain.*-admin/,
    ],
    ["a custom domain", () => domainFormatRule(domain("https://login.acme.com", "custom"), ctx), "warn", "CUSTOM_DOMAIN", /custom domain/],
    [
      "the emulator's allow-listed host",
      () => domainFormatRule(domain("http://127.0.0.1:8787", "allowlisted"), ctx),
      "pass",
      null,
      /OKTA_ALLOWED_INSECURE_HOSTS/,
    ],
    [
      "not a domain",
      () =>
        domainFormatRule(
          { ok: false, input: "acme.okta.com.com", message: "ends in .com.com; check for a typo" },
          { ...ctx, target: "presave" },
        ),
      "fail",
      "DOMAIN_INVALID",
      /\.com\.com.*without "-admin"/,
    ],
    ["reachable", () => domainReachableRule(disc(), ctx), "pass", null, /over HTTPS \(HTTP 200 in 40 ms\)/],
    [
      "does not resolve",
      () => domainReachableRule(disc({ org: null, network: err({ status: 0, kind: "network", networkReason: "dns" }) }), ctx),
      "fail",
      "DOMAIN_UNREACHABLE",
      /does not resolve/,
    ],
    [
      "TLS fails",
      () => domainReachableRule(disc({ org: null, network: err({ status: 0, kind: "network", networkReason: "tls" }) }), ctx),
      "fail",
      "DOMAIN_UNREACHABLE",
      /certificate/,
    ],
    [
      "private address",
      () =>
        domainReachableRule(
          disc({
            org: null,
            network: err({
              status: 0,
              kind: "network",
              networkReason: "blocked",
              message: "GET / failed before Okta answered: 10.0.0.1 is not a public address",
            }),
          }),
          ctx,
        ),
      "fail",
      "DOMAIN_BLOCKED",
      /not a public address/,
    ],
    ["an Okta org", () => oktaOrgRule(disc(), ctx), "pass", null, /org id 00o1, idx pipeline/],
    [
      "only an OpenID configuration",
      () =>
        oktaOrgRule(
          disc({
            org: { status: 404, orgId: null, pipeline: null, contentType: "text/html", durationMs: 1 },
            oidc: { status: 200, issuer: "https://login.acme.com" },
          }),
          ctx,
        ),
      "warn",
      "ORG_UNIDENTIFIED",
      /issuer https:\/\/login\.acme\.com/,
    ],
    [
      "a web server that is not Okta",
      () =>
        oktaOrgRule(
          disc({
            org: { status: 404, orgId: null, pipeline: null, contentType: "text/html", durationMs: 1 },
            oidc: { status: 404, issuer: null },
          }),
          ctx,
        ),
      "fail",
      "NOT_OKTA",
      /not like an Okta org.*text\/html/,
    ],
    ["the same org", () => sameOrgRule({ connectedOrgId: "00o1", currentOrgId: "00o1" }, ctx), "pass", null, /00o1/],
    [
      "another org behind the domain",
      () => sameOrgRule({ connectedOrgId: "00o1", currentOrgId: "00o2" }, ctx),
      "fail",
      "DIFFERENT_ORG",
      /now answers as Okta org 00o2.*connected to org 00o1/,
    ],
    [
      "org id never recorded",
      () => sameOrgRule({ connectedOrgId: null, currentOrgId: "00o2" }, ctx),
      "warn",
      "ORG_UNCONFIRMED",
      /not recorded/,
    ],
  ]);
});

describe("credentials (Okta's reasons, through the connect form's diagnose rules)", () => {
  const failed = (f: Partial<OktaErrorFacts>, statuses = [401]): TokenFacts => ({
    kind: "oauth",
    ok: false,
    usesDpop: false,
    tokenStatuses: statuses,
    err: err({ status: 401, kind: "auth", path: "/oauth2/v1/token", ...f }),
  });
  const ok: TokenFacts = {
    kind: "oauth",
    ok: true,
    tokenType: "DPoP",
    scopes: ["okta.users.read"],
    expiresInSec: 3600,
    usesDpop: true,
    tokenStatuses: [400, 400, 200],
  };
  const sswsRead = (r: ReadFacts) => credentialsRule({ token: { kind: "api_token" }, apiProbe: r, knownClient: true }, tokenCtx);
  const oauth = (token: TokenFacts, c: CheckContext = ctx, knownClient = false) =>
    credentialsRule({ token, apiProbe: null, knownClient }, c);
  table([
    ["a token is issued", () => oauth(ok), "pass", null, /DPoP access token valid for 60 minutes.*400 → 400 → 200/],
    [
      "client ID and secret from different apps",
      () =>
        oauth(
          failed({
            oauthError: "invalid_client",
            oauthErrorDescription: "The client secret supplied for a confidential client is invalid.",
          }),
          { ...ctx, method: "client_secret" },
        ),
      "fail",
      "INVALID_CLIENT",
      /do not belong together/,
    ],
    [
      "a custom API Services app using a secret",
      () =>
        oauth(
          failed({
            oauthError: "invalid_client",
            oauthErrorDescription:
              "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.",
          }),
          { ...ctx, method: "client_secret" },
        ),
      "fail",
      "SECRET_NOT_ALLOWED",
      /Public key \/ Private key/,
    ],
    [
      "a key from another app",
      () => oauth(failed({ oauthError: "invalid_client", oauthErrorDescription: "The client_assertion signature is invalid." })),
      "fail",
      "KEY_MISMATCH",
      /Public Keys/,
    ],
    [
      "key kid unknown",
      () => oauth(failed({ oauthError: "invalid_client", oauthErrorDescription: "The client_assertion JWT kid is invalid." })),
      "fail",
      "KEY_MISMATCH",
      /key ID \(kid\)/,
    ],
    [
      "DPoP proof rejected",
      () =>
        oauth(
          failed(
            {
              status: 400,
              kind: "dpop",
              oauthError: "invalid_dpop_proof",
              oauthErrorDescription: "The DPoP proof JWT has already been used.",
            },
            [400, 400],
          ),
        ),
      "fail",
      "DPOP_FAILED",
      /Require Demonstrating Proof of Possession.*400 → 400/,
    ],
    [
      "app deactivated (the client ID worked before)",
      () => oauth(failed({ oauthError: "invalid_client", oauthErrorDescription: "Invalid value for 'client_id' parameter." }), ctx, true),
      "fail",
      "INVALID_CLIENT",
      /deactivated or deleted.*activate this app again/,
    ],
    [
      "a client ID that never existed",
      () => oauth(failed({ oauthError: "invalid_client", oauthErrorDescription: "Invalid value for 'client_id' parameter." })),
      "fail",
      "INVALID_CLIENT",
      /Unknown client ID/,
    ],
    [
      "no scope granted at all",
      () =>
        oauth(
          failed({
            status: 400,
            kind: "scope",
            oauthError: "invalid_scope",
            oauthErrorDescription: "The following scopes are not allowed for this request: [okta.users.read]",
          }),
        ),
      "fail",
      "SCOPES_NOT_GRANTED",
      /Okta API Scopes/,
    ],
    [
      "API token invalid or expired",
      () =>
        sswsRead({
          path: "/api/v1/users",
          ok: false,
          err: err({ status: 401, kind: "auth", errorCode: "E0000011", errorSummary: "Invalid token provided", errorId: "oae9" }),
        }),
      "fail",
      "API_TOKEN_INVALID",
      /expired after 30 days.*E0000011.*oae9/,
    ],
    [
      "API token accepted, role checked later",
      () => sswsRead({ path: "/api/v1/users", ok: false, err: err({ status: 403, kind: "permission", errorCode: "E0000006" }) }),
      "pass",
      null,
      /accepted the API token/,
    ],
    [
      "API token accepted",
      () => sswsRead({ path: "/api/v1/users", ok: true, status: 200, items: 1 }),
      "pass",
      null,
      /GET \/api\/v1\/users: 200/,
    ],
  ]);

  const dpop = (usesDpop: boolean, storedUsesDpop: boolean | null) =>
    dpopRule(
      {
        token: {
          kind: "oauth",
          ok: true,
          tokenType: usesDpop ? "DPoP" : "Bearer",
          scopes: [],
          expiresInSec: 3600,
          usesDpop,
          tokenStatuses: usesDpop ? [400, 400, 200] : [200],
        },
        storedUsesDpop,
      },
      ctx,
    );
  table([
    [
      "DPoP required but connected without it",
      () => dpop(true, false),
      "warn",
      "DPOP_REQUIRED_NOT_USED",
      /now requires DPoP.*HTTP 400: Okta asked for a DPoP proof/,
    ],
    ["DPoP required and used", () => dpop(true, true), "pass", null, /sends a DPoP proof/],
    ["DPoP required, before saving", () => dpop(true, null), "pass", null, /sends a DPoP proof/],
    ["DPoP not required", () => dpop(false, false), "pass", null, /does not require DPoP/],
  ]);
});

describe("scopes and admin role", () => {
  const scope = (over: Partial<ScopeFacts>) =>
    scopeRule(
      {
        scope: "okta.groups.read",
        what: "groups and their members",
        requested: true,
        inToken: true,
        tokenScopes: ["okta.groups.read"],
        probe: { path: "/api/v1/groups", ok: true, status: 200, items: 1 },
        ...over,
      },
      ctx,
    );
  const insufficient = err({
    status: 403,
    kind: "scope",
    oauthError: "insufficient_scope",
    scope: "okta.groups.read",
    path: "/api/v1/groups",
  });
  table([
    ["granted", () => scope({}), "pass", null, /okta\.groups\.read is granted/],
    [
      "refused with insufficient_scope",
      () => scope({ inToken: false, tokenScopes: ["okta.users.read"], probe: { path: "/api/v1/groups", ok: false, err: insufficient } }),
      "fail",
      "SCOPE_MISSING",
      /WWW-Authenticate scope: okta\.groups\.read/,
    ],
    [
      "dropped from the token",
      () => scope({ inToken: false, tokenScopes: ["okta.users.read"] }),
      "fail",
      "SCOPE_MISSING",
      /silently drops/,
    ],
    [
      "not requested by the integration",
      () => scope({ requested: false, probe: null }),
      "warn",
      "SCOPE_NOT_REQUESTED",
      /does not ask Okta for okta\.groups\.read/,
    ],
    [
      "granted, but the role refuses",
      () => scope({ probe: { path: "/api/v1/groups", ok: false, err: err({ status: 403, kind: "permission", errorCode: "E0000006" }) } }),
      "pass",
      null,
      /admin role check/,
    ],
    [
      "endpoint not offered",
      () => scope({ probe: { path: "/api/v1/groups", ok: false, err: err({ status: 404, kind: "not_found", errorCode: "E0000007" }) } }),
      "warn",
      "CHECK_INCOMPLETE",
      /does not offer/,
    ],
  ]);

  const read = (path: string, r: Partial<Extract<ReadFacts, { ok: true }>> | OktaErrorFacts): ReadFacts =>
    "kind" in r ? { path, ok: false, err: r } : { path, ok: true, status: 200, items: 1, ...r };
  const e6 = err({ status: 403, kind: "permission", errorCode: "E0000006", errorId: "oae6" });
  table([
    [
      "every read works",
      () => adminRoleRule({ probes: [read("/api/v1/users", {}), read("/api/v1/groups", {})] }, ctx),
      "pass",
      null,
      /holds an admin role/,
    ],
    [
      "E0000006",
      () => adminRoleRule({ probes: [read("/api/v1/users", {}), read("/api/v1/groups", e6)] }, ctx),
      "fail",
      "NO_ADMIN_ROLE",
      /E0000006.*errorId oae6/,
    ],
    [
      "only an empty user list",
      () => adminRoleRule({ probes: [read("/api/v1/users", { items: 0 })] }, ctx),
      "fail",
      "NO_ADMIN_ROLE",
      /no users at all/,
    ],
    [
      "an API token's admin",
      () => adminRoleRule({ probes: [read("/api/v1/groups", e6)] }, tokenCtx),
      "fail",
      "NO_ADMIN_ROLE",
      /Create the token as an admin/,
    ],
    [
      "a network zone",
      () => adminRoleRule({ probes: [read("/api/v1/groups", err({ status: 403, kind: "permission", oauthError: "access_denied" }))] }, ctx),
      "fail",
      "NETWORK_ZONE",
      /network zone/,
    ],
    [
      "no scope to test with",
      () => adminRoleRule({ probes: [read("/api/v1/groups", insufficient)] }, ctx),
      "warn",
      "CHECK_INCOMPLETE",
      /fix the scopes first/,
    ],
  ]);
});

describe("System Log window", () => {
  const base: LogWindowFacts = {
    windowDays: 30,
    windowStart: "2026-10-24T00:00:00.000Z",
    now: "2026-11-23T00:00:00.000Z",
    inWindow: { published: null },
    before: { published: null },
    stored: { count: 0, newest: null },
  };
  table([
    [
      "events in the window",
      () => logWindowRule({ ...base, inWindow: { published: "2026-11-22T10:00:00.000Z" }, before: null }, ctx),
      "pass",
      null,
      /newest is from 2026-11-22/,
    ],
    [
      "only older events",
      () => logWindowRule({ ...base, before: { published: "2026-10-01T10:00:00.000Z" } }, ctx),
      "fail",
      "LOG_WINDOW_EMPTY",
      /broader range finds some: the newest is from 2026-10-01, 52 days ago.*raise this integration's System Log window/,
    ],
    ["no events at all", () => logWindowRule(base, ctx), "fail", "LOG_EMPTY", /none in the 90 days Okta keeps.*Reports > System Log/],
    [
      "a 90-day window cannot look further",
      () => logWindowRule({ ...base, windowDays: 90, before: null }, ctx),
      "fail",
      "LOG_EMPTY",
      /not asked/,
    ],
    [
      "the role cannot read the log",
      () => logWindowRule({ ...base, inWindow: { err: err({ status: 403, kind: "permission", errorCode: "E0000006" }) } }, ctx),
      "fail",
      "NO_ADMIN_ROLE",
      /System Log cannot be read/,
    ],
    [
      "Okta fails",
      () => logWindowRule({ ...base, inWindow: { err: err({ status: 503, kind: "server" }) } }, ctx),
      "warn",
      "CHECK_INCOMPLETE",
      /Could not read/,
    ],
  ]);
});

describe("counts", () => {
  const row = (over: Partial<CountRow> = {}): CountRow => ({
    resource: "users",
    okta: 300,
    stored: 300,
    last: { status: "succeeded", missingScope: null, error: null },
    changedSince: null,
    ...over,
  });
  const facts = (rows: CountRow[], over: Partial<CountsFacts> = {}) =>
    countsRule({ rows, lastFinishedAt: "2026-11-23T10:00:00.000Z", running: false, syncFilterSet: false, ...over }, ctx);
  table([
    ["everything matches", () => facts([row(), row({ resource: "groups", okta: 40, stored: 40 })]), "pass", null, /300 users, 40 groups/],
    ["no sync yet", () => facts([row()], { lastFinishedAt: null }), "warn", "NO_SYNC_YET", /No sync has finished/],
    [
      "a sync is running",
      () => facts([row({ stored: 120 })], { running: true }),
      "warn",
      "SYNC_RUNNING",
      /Okta has 300 users, the console stored 120: a sync is running/,
    ],
    [
      "a scope explains it",
      () =>
        facts([
          row({
            resource: "groups",
            okta: 40,
            stored: 0,
            last: { status: "failed", missingScope: "okta.groups.read", error: "Missing scope" },
          }),
        ]),
      "fail",
      "LAST_SYNC_INCOMPLETE",
      /lacked the okta\.groups\.read scope/,
    ],
    ["a sync filter explains it", () => facts([row({ stored: 100 })], { syncFilterSet: true }), "warn", "SYNC_FILTERED", /sync filter/],
    [
      "changes since the last sync explain it",
      () => facts([row({ okta: 305, changedSince: 7 })]),
      "warn",
      "CHANGED_SINCE_SYNC",
      /at least 7 users since the last sync/,
    ],
    [
      "nothing explains it",
      () => facts([row({ okta: 305 })]),
      "fail",
      "COUNTS_UNEXPLAINED",
      /Okta has 305 users, the console stored 300, and no/,
    ],
    [
      "Okta gives no total",
      () => facts([row({ resource: "memberships", okta: null, oktaNote: "needs okta.groups.read", stored: 10 })]),
      "pass",
      null,
      /not compared \(needs okta\.groups\.read\)/,
    ],
    [
      "Okta's total could not be read",
      () => facts([row({ okta: null, oktaErr: err({ status: 503, kind: "server" }) })]),
      "warn",
      "CHECK_INCOMPLETE",
      /could not be read/,
    ],
  ]);
});

describe("last sync, rate limits, event hooks", () => {
  const r = (over: Partial<LastSyncRow>): LastSyncRow => ({
    resource: "groups",
    status: "succeeded",
    finishedAt: "2026-11-23T10:00:00.000Z",
    objects: 40,
    missingScope: null,
    error: null,
    ...over,
  });
  const rl = (over: Partial<RateLimitFacts> = {}, history: Partial<NonNullable<RateLimitFacts["history"]>> = {}) =>
    rateLimitRule(
      {
        share: 0.5,
        live: [{ bucket: "users", limit: 600, remaining: 590, resetInSec: 30 }],
        waits429Now: {},
        history: { days: 7, runs: 3, requests: 900, rateLimitWaits: 0, gaveUp: 0, runMs: 60_000, perBucket: {}, ...history },
        ...over,
      },
      ctx,
    );
  table([
    [
      "every resource read",
      () => lastSyncRule({ resources: ["groups"], rows: [r({})], running: false }, ctx),
      "pass",
      null,
      /read groups without errors/,
    ],
    [
      "a resource lacked its scope",
      () => lastSyncRule({ resources: ["groups"], rows: [r({ status: "failed", missingScope: "okta.groups.read" })], running: false }, ctx),
      "fail",
      "LAST_SYNC_INCOMPLETE",
      /Grant okta\.groups\.read/,
    ],
    [
      "a resource failed with Okta's ids",
      () =>
        lastSyncRule(
          {
            resources: ["groups"],
            rows: [
              r({
                status: "failed",
                error: { message: "The admin role does not allow this", okta: { errorCode: "E0000006", errorId: "oae1" } },
              }),
            ],
            running: false,
          },
          ctx,
        ),
      "fail",
      "LAST_SYNC_INCOMPLETE",
      /E0000006, errorId oae1/,
    ],
    ["never synced", () => lastSyncRule({ resources: ["groups"], rows: [], running: true }, ctx), "warn", "NO_SYNC_YET", /still running/],
    ["no 429s", () => rl(), "pass", null, /590 of 600 left.*at most 300/],
    [
      "429s in the syncs' records",
      () => rl({}, { perBucket: { users: { requests: 400, waits: 5, waitMs: 9000, waits429: 3 } } }),
      "fail",
      "RATE_LIMITED",
      /3 times during syncs.*users: 3.*3 after a 429/,
    ],
    ["429s during the checks", () => rl({ waits429Now: { groups: 1 } }), "fail", "RATE_LIMITED", /1 time during these checks/],
    ["a resource gave up", () => rl({}, { gaveUp: 1 }), "fail", "RATE_LIMITED", /gave up/],
    [
      "a bucket nearly used up by someone else",
      () => rl({ live: [{ bucket: "users", limit: 600, remaining: 12, resetInSec: 40 }] }),
      "warn",
      "RATE_LIMIT_NEARLY_USED",
      /only 12 of 600/,
    ],
    [
      "syncs slowed by their own pacing",
      () =>
        rl(
          {},
          {
            runMs: 400_000,
            perBucket: {
              users: { requests: 900, waits: 12, waitMs: 160_000, waits429: 0 },
              apps: { requests: 90, waits: 3, waitMs: 20_000, waits429: 0 },
            },
          },
        ),
      "warn",
      "SYNC_PACED",
      /40% of their time \(160 s\) waiting/,
    ],
    [
      "a few seconds of pacing is not slow",
      () => rl({}, { runMs: 5_000, perBucket: { apps: { requests: 90, waits: 3, waitMs: 2_600, waits429: 0 } } }),
      "pass",
      null,
      /apps in syncs: 90 requests, 3 waits \(3 s\)/,
    ],
    [
      "event hooks",
      () => eventHooksRule({ fullSyncIntervalMinutes: 360, lastSyncFinishedAt: null }, ctx),
      "warn",
      "HOOKS_NOT_SET_UP",
      /Not set up.*every 6 hours/,
    ],
    [
      "hook never verified",
      () => eventHooksRule({ ...hookFacts, hook: { ...hook, verifiedAt: null } }, ctx),
      "warn",
      "HOOK_NOT_VERIFIED",
      /not verified/,
    ],
    [
      "hook deliveries refused",
      () => eventHooksRule({ ...hookFacts, hook: { ...hook, authFailures: 3, lastAuthFailureAt: "2026-01-02T00:00:00.000Z" } }, ctx),
      "fail",
      "HOOK_SECRET_MISMATCH",
      /refused/,
    ],
    [
      "hook events not applied",
      () => eventHooksRule({ ...hookFacts, hook: { ...hook, failedEvents: 4 } }, ctx),
      "warn",
      "HOOK_EVENTS_NOT_APPLIED",
      /4 received/,
    ],
    ["hook working", () => eventHooksRule({ ...hookFacts, hook }, ctx), "pass", null, /Verified; last delivery/],
  ]);
});

describe("plans", () => {
  it.each(SYMPTOMS)("%s: every check runs after the checks it needs", (symptom) => {
    const plan = PLANS[symptom];
    plan.forEach((id, i) => {
      for (const need of CHECKS[id].needs) {
        expect(plan.indexOf(need), `${id} needs ${need}`).toBeGreaterThanOrEqual(0);
        expect(plan.indexOf(need)).toBeLessThan(i);
      }
    });
  });

  it("asks about event hooks only for the hooks symptom", () => {
    expect(SYMPTOMS.filter((s) => PLANS[s].includes("event_hooks"))).toEqual(["hooks"]);
  });
});
