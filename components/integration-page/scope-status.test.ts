// The Scopes card's verdicts: the newer of the last check and the last run decides, and a
// disconnected integration uses no scope.
import { describe, expect, it } from "vitest";
import { RESOURCES } from "@/db/enums";
import type { ScopeResult } from "@/lib/integrations/contracts";
import type { Health, ResourceHealth } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { scopeStatuses } from "./scope-status";

const CHECKED = "2026-11-20T10:00:00.000Z";
const RAN = "2026-11-20T11:00:00.000Z";

function health(status: (r: string) => ResourceHealth["status"], finishedAt: string | null = RAN): Health {
  const run = {
    id: "r1",
    status: "partial" as const,
    trigger: "manual" as const,
    queuedAt: RAN,
    startedAt: RAN,
    finishedAt,
    durationMs: 1,
  };
  return {
    state: "partial",
    reason: "",
    resources: RESOURCES.map((resource) => ({
      resource,
      status: status(resource),
      scope: RESOURCE_REGISTRY[resource].scope,
      message: "",
      fix: null,
      okta: null,
      symptom: null,
      lastSucceededAt: null,
      runId: finishedAt ? "r1" : null,
    })),
    lastSuccess: null,
    lastFinished: finishedAt ? run : null,
    active: null,
    nextSyncAt: null,
    nextSyncMode: null,
    overdue: false,
  };
}
const ok = (scope: string): ScopeResult => ({ scope, ok: true, status: "granted", reason: "" });
const verdicts = (rows: ReturnType<typeof scopeStatuses>) => Object.fromEntries(rows.map((r) => [r.scope, [r.verdict, r.source]]));

describe("scopeStatuses", () => {
  it("a run newer than the check that Okta refused a scope in says not working, naming what it could not read", () => {
    const rows = scopeStatuses({
      scopes: ["okta.users.read", "okta.groups.read"],
      results: [ok("okta.users.read"), ok("okta.groups.read")],
      verifiedAt: CHECKED,
      health: health((r) => (r === "groups" || r === "memberships" ? "missing_scope" : "ok")),
      connected: true,
    });
    expect(verdicts(rows)).toEqual({ "okta.users.read": ["working", "sync"], "okta.groups.read": ["not_working", "sync"] });
    expect(rows[1].sync).toEqual({ ok: false, text: "Okta refused it: groups and group memberships could not be read", at: RAN });
    expect(rows[1].check).toEqual({ ok: true, text: "Working", at: CHECKED });
  });

  it("a check newer than the run decides (the admin granted the scope and edited the integration)", () => {
    const rows = scopeStatuses({
      scopes: ["okta.groups.read"],
      results: [ok("okta.groups.read")],
      verifiedAt: "2026-11-20T12:00:00.000Z",
      health: health((r) => (r === "groups" ? "missing_scope" : "ok")),
      connected: true,
    });
    expect(verdicts(rows)).toEqual({ "okta.groups.read": ["working", "check"] });
  });

  it("no run yet: the check decides; a scope whose resources did not run keeps the check's verdict", () => {
    const failing: ScopeResult = { scope: "okta.idps.read", ok: false, status: "missing_scope", reason: "Not granted" };
    const none = scopeStatuses({
      scopes: ["okta.idps.read"],
      results: [failing],
      verifiedAt: CHECKED,
      health: health(() => "not_synced", null),
      connected: true,
    });
    expect(verdicts(none)).toEqual({ "okta.idps.read": ["not_working", "check"] });
    const skipped = scopeStatuses({
      scopes: ["okta.idps.read"],
      results: [ok("okta.idps.read")],
      verifiedAt: CHECKED,
      health: health((r) => (r === "idps" ? "failing" : "ok")),
      connected: true,
    });
    expect(verdicts(skipped)).toEqual({ "okta.idps.read": ["working", "check"] });
  });

  it("after a disconnect nothing is working", () => {
    const rows = scopeStatuses({
      scopes: ["okta.users.read"],
      results: [ok("okta.users.read")],
      verifiedAt: CHECKED,
      health: health(() => "ok"),
      connected: false,
    });
    expect(rows).toEqual([
      { scope: "okta.users.read", verdict: "unused", source: null, check: { ok: true, text: "Working", at: CHECKED }, sync: null },
    ]);
  });
});
