import { describe, expect, it } from "vitest";
import { RESOURCES, type Resource, type ResourceStatus, type RunStatus } from "@/db/schema";
import { type HealthInput, OVERDUE_AFTER_MS, projectHealth, type RunInput } from "./project-health";

const now = new Date("2026-11-20T12:00:00Z");
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
type Res = RunInput["resources"][number];

function run(status: RunStatus, overrides: Partial<Record<Resource, Partial<Res>>> = {}, extra: Partial<RunInput> = {}): RunInput {
  const resourceStatus: ResourceStatus =
    status === "succeeded" ? "succeeded" : status === "queued" ? "pending" : status === "running" ? "running" : "succeeded";
  return {
    id: `run-${status}`,
    status,
    trigger: "manual",
    queuedAt: ago(20),
    startedAt: status === "queued" ? null : ago(19),
    finishedAt: ["queued", "running"].includes(status) ? null : ago(17),
    error: null,
    resources: RESOURCES.map((resource) => ({ resource, status: resourceStatus, missingScope: null, error: null, ...overrides[resource] })),
    ...extra,
  };
}

const base: HealthInput = {
  state: "connected",
  authMethod: "private_key_jwt",
  nextSyncAt: new Date(now.getTime() + 3_600_000),
  active: null,
  latest: null,
  lastSuccess: null,
  lastSucceededAt: {},
  now,
};
const scopeMissing = (scope: string): Partial<Res> => ({
  status: "failed",
  missingScope: scope,
  error: { code: "scope_missing", message: `Missing scope ${scope}`, okta: { status: 403, kind: "scope" } },
});
const skippedFor = (dep: Resource): Partial<Res> => ({
  status: "skipped",
  error: { code: "dependency_failed", message: `Skipped: needs ${dep}`, dependency: dep },
});
const authFailed = {
  code: "auth_failed",
  message: "Okta rejected the credentials",
  okta: { status: 401, errorCode: "E0000011", errorSummary: "Invalid token provided", errorId: "oaeAbc123" },
};

describe("projectHealth: the state and its reason", () => {
  const cases: { name: string; input: Partial<HealthInput>; state: string; reason: RegExp }[] = [
    {
      name: "disconnected wins over everything",
      input: { state: "disconnected", latest: run("succeeded"), active: run("running") },
      state: "disconnected",
      reason: /credentials were deleted/,
    },
    { name: "never synced", input: {}, state: "connected", reason: /no sync has finished yet/ },
    { name: "a queued run", input: { active: run("queued") }, state: "syncing", reason: /queued/ },
    {
      name: "a running run counts finished resources",
      input: { active: run("running", { users: { status: "succeeded" }, groups: { status: "failed" }, apps: { status: "skipped" } }) },
      state: "syncing",
      reason: /3 of 8 resources done/,
    },
    {
      name: "last run succeeded",
      input: { latest: run("succeeded"), lastSuccess: run("succeeded") },
      state: "connected",
      reason: /^Healthy/,
    },
    {
      name: "partial with a missing scope names it once for both resources",
      input: {
        latest: run("partial", {
          groups: scopeMissing("okta.groups.read"),
          memberships: skippedFor("groups"),
          roles: { status: "succeeded" },
        }),
      },
      state: "partial",
      reason:
        /^2 of 8 resources did not sync: groups: okta\.groups\.read is not granted; group memberships: skipped, it needs groups first\.$/,
    },
    {
      name: "failed run before any resource: the run's error is the cause",
      input: {
        latest: run(
          "failed",
          Object.fromEntries(RESOURCES.map((r) => [r, { status: "skipped", error: { code: "run_ended", message: "x" } }])),
          { error: authFailed },
        ),
      },
      state: "error",
      reason: /^The last sync failed: every resource: Okta rejected the integration's credentials \(E0000011\)\.$/,
    },
    {
      name: "previous problems are still said while syncing",
      input: { active: run("running"), latest: run("partial", { idps: scopeMissing("okta.idps.read") }) },
      state: "syncing",
      reason: /previous run ended partial: identity providers: okta\.idps\.read is not granted/,
    },
    {
      name: "an overdue schedule is said",
      input: { latest: run("succeeded"), nextSyncAt: new Date(now.getTime() - OVERDUE_AFTER_MS - 1000) },
      state: "connected",
      reason: /overdue: check that sync workers are running/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const h = projectHealth({ ...base, ...c.input });
      expect(h.state).toBe(c.state);
      expect(h.reason).toMatch(c.reason);
    });
  }

  it("is not overdue within the grace period, nor while a run is active", () => {
    expect(projectHealth({ ...base, latest: run("succeeded"), nextSyncAt: ago(2) }).overdue).toBe(false);
    expect(projectHealth({ ...base, active: run("running"), nextSyncAt: ago(60) }).overdue).toBe(false);
    expect(projectHealth({ ...base, state: "disconnected", nextSyncAt: ago(60) }).nextSyncAt).toBeNull();
  });

  it("names the next scheduled run of either kind, full when both are due together", () => {
    const inMin = (min: number) => new Date(now.getTime() + min * 60_000);
    const next = (input: Partial<HealthInput>) => {
      const h = projectHealth({ ...base, ...input });
      return { at: h.nextSyncAt, mode: h.nextSyncMode };
    };
    expect(next({ nextSyncAt: inMin(60), nextIncrementalSyncAt: inMin(10) })).toEqual({ at: inMin(10).toISOString(), mode: "incremental" });
    expect(next({ nextSyncAt: inMin(5), nextIncrementalSyncAt: inMin(10) })).toEqual({ at: inMin(5).toISOString(), mode: "full" });
    expect(next({ nextSyncAt: inMin(10), nextIncrementalSyncAt: inMin(10) })).toEqual({ at: inMin(10).toISOString(), mode: "full" });
    expect(next({ nextSyncAt: null, nextIncrementalSyncAt: inMin(10) })).toEqual({ at: inMin(10).toISOString(), mode: "incremental" });
    expect(next({ nextSyncAt: inMin(60), nextIncrementalSyncAt: null })).toEqual({ at: inMin(60).toISOString(), mode: "full" });
    expect(next({ state: "disconnected", nextSyncAt: inMin(60), nextIncrementalSyncAt: inMin(10) })).toEqual({ at: null, mode: null });
    // An incremental run that is late is a late schedule too.
    expect(projectHealth({ ...base, latest: run("succeeded"), nextSyncAt: inMin(60), nextIncrementalSyncAt: ago(30) }).overdue).toBe(true);
  });

  it("reports the last success and its duration", () => {
    const h = projectHealth({ ...base, latest: run("partial"), lastSuccess: run("succeeded") });
    expect(h.lastSuccess).toMatchObject({ status: "succeeded", durationMs: 2 * 60_000, finishedAt: ago(17).toISOString() });
    expect(h.lastFinished?.status).toBe("partial");
  });
});

describe("projectHealth: per resource", () => {
  const one = (overrides: Partial<Res>, extra: Partial<HealthInput> = {}, resource: Resource = "groups") =>
    projectHealth({ ...base, latest: run("partial", { [resource]: overrides }), ...extra }).resources.find((r) => r.resource === resource)!;

  const cases: { name: string; res: Partial<Res>; extra?: Partial<HealthInput>; expect: Record<string, unknown> }[] = [
    { name: "ok", res: { status: "succeeded" }, expect: { status: "ok", fix: null, symptom: null } },
    {
      name: "missing scope with the exact fix",
      res: scopeMissing("okta.groups.read"),
      expect: {
        status: "missing_scope",
        scope: "okta.groups.read",
        fix: "Grant okta.groups.read to the app in Okta, then Sync now.",
        symptom: "groups_missing",
      },
    },
    {
      name: "missing scope on an API token asks for a different token",
      res: scopeMissing("okta.groups.read"),
      extra: { authMethod: "api_token" },
      expect: { status: "missing_scope", fix: expect.stringMatching(/API token of an admin/) },
    },
    {
      name: "admin role without permission",
      res: {
        status: "failed",
        error: { code: "permission_denied", message: "x", okta: { status: 403, errorCode: "E0000006", errorId: "oaeX" } },
      },
      expect: {
        status: "no_permission",
        fix: expect.stringMatching(/Read-Only Administrator/),
        okta: { status: 403, errorCode: "E0000006", errorId: "oaeX" },
      },
    },
    {
      name: "what Okta said, with errorCode and errorId",
      res: {
        status: "failed",
        error: {
          code: "retries_exhausted",
          message: "Reading groups failed after retries: Okta answered 503.",
          okta: { status: 503, errorCode: "E0000009", errorId: "oae503", kind: "server" },
        },
      },
      expect: {
        status: "failing",
        message: "Reading groups failed after retries: Okta answered 503.",
        okta: { status: 503, errorCode: "E0000009", errorId: "oae503" },
      },
    },
    {
      name: "credentials rejected",
      res: { status: "failed", error: authFailed },
      expect: { status: "failing", symptom: "credentials", okta: expect.objectContaining({ errorCode: "E0000011" }) },
    },
    {
      name: "rate limited",
      res: { status: "failed", error: { code: "rate_limited", message: "x", okta: { status: 429, errorCode: "E0000047" } } },
      expect: { status: "failing", symptom: "rate_limits" },
    },
    {
      name: "skipped after a dependency",
      res: skippedFor("groups"),
      expect: { status: "blocked", message: "Skipped: it needs groups, which did not sync.", fix: "Fix groups first, then Sync now." },
    },
    { name: "not requested", res: { status: "skipped", error: { code: "not_requested", message: "x" } }, expect: { status: "not_synced" } },
    {
      name: "internal errors never show their cause",
      res: { status: "failed", error: { code: "internal", message: "Internal error (see server log)" } },
      expect: { status: "failing", message: expect.stringMatching(/server log/) },
    },
  ];
  for (const c of cases) it(c.name, () => expect(one(c.res, c.extra)).toMatchObject(c.expect));

  it("carries when each resource last synced completely", () => {
    const at = ago(600);
    const h = projectHealth({
      ...base,
      latest: run("partial", { groups: scopeMissing("okta.groups.read") }),
      lastSucceededAt: { groups: at },
    });
    expect(h.resources.find((r) => r.resource === "groups")!.lastSucceededAt).toBe(at.toISOString());
  });

  it("before any run every resource is not synced yet", () => {
    expect(projectHealth(base).resources.map((r) => r.status)).toEqual(RESOURCES.map(() => "not_synced"));
  });
});
