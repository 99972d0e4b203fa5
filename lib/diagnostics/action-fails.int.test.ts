// The troubleshooting wizard's "An action fails" against the emulator and Postgres: actions off, a manage
// scope Okta does not grant, a refusal for the admin role (Okta's E0000006 and errorId as evidence), and
// the last failed action's target re-read and judged by the same rules as a request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import { actionRequests, actionTargets } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { userCtx } from "@/lib/context";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { READ_SCOPES } from "@/lib/integrations/contracts";
import { stopBoss } from "@/lib/jobs/boss";
import { createTenant } from "@/test/factories";
import { type EmulatorApp, startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import type { CheckResult } from "./contracts";
import { startDiagnostics } from "./run-diagnostics";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 5, users: 60, groups: 8, apps: 5, logDays: 1 });
});
afterEach(async () => {
  await emu.control("DELETE", "/faults");
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const MANAGE = ["okta.users.manage", "okta.groups.manage", "okta.apps.manage"];

async function connected(opts: { allowActions: boolean }) {
  const t = await createTenant();
  const actor: Actor = {
    userId: t.admin.id,
    workspaceId: t.ws.id,
    email: t.admin.email,
    name: t.admin.name,
    role: "admin",
    via: "api_key",
  };
  const app = await emu.control<EmulatorApp>("POST", "/apps", {
    name: `act-${Math.random().toString(36).slice(2, 8)}`,
    kind: "service",
    scopes: [...READ_SCOPES, ...MANAGE],
    roles: ["SUPER_ADMIN"],
  });
  const { integration } = await connectIntegration({
    ctx: userCtx(actor),
    input: {
      name: "Okta",
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
      scopes: [...READ_SCOPES],
      allowActions: opts.allowActions,
    },
  });
  const [run] = await getDb().$client`select id from sync_runs where integration_id = ${integration.id} and status = 'queued'`;
  expect(await runSync(run.id as string)).toEqual({ claimed: true, status: "succeeded" });
  return { actor, id: integration.id as string, app, workspaceId: t.ws.id };
}

const diagnose = async (actor: Actor, integrationId: string) =>
  (await startDiagnostics({ ctx: userCtx(actor), input: { integrationId, symptom: "action_fails" } })).run();
const check = (checks: CheckResult[], id: string) => checks.find((c) => c.id === id);

/** A failed action target, as the executor leaves one. */
async function failed(
  c: { id: string; workspaceId: string; actor: Actor },
  kind: ActionKind,
  userId: string,
  f: { errorCode: string; errorSummary: string; oktaStatus?: number; errorId?: string },
) {
  const [r] = await getDb()
    .insert(actionRequests)
    .values({
      workspaceId: c.workspaceId,
      integrationId: c.id,
      kind,
      status: "failed",
      requestedBy: c.actor.userId,
      requestedByLabel: c.actor.email,
      reason: "test",
      finishedAt: new Date(),
    })
    .returning({ id: actionRequests.id });
  await getDb()
    .insert(actionTargets)
    .values({ requestId: r.id, seq: 0, userId, label: userId, status: "failed", attempts: 1, finishedAt: new Date(), ...f });
}

const truthUsers = () => emu.control<{ id: string; status: string; profile: { login: string } }[]>("GET", "/truth/users");

describe("An action fails", () => {
  it("actions off: named as the cause, with the fix; the role check does not run", async () => {
    const c = await connected({ allowActions: false });
    const r = await diagnose(c.actor, c.id);
    expect(check(r.checks, "action_scopes")).toMatchObject({ status: "fail", cause: "ACTIONS_OFF" });
    expect(r.notRun.map((n) => n.id)).toContain("action_role");
    expect(check(r.checks, "action_target")).toMatchObject({ status: "pass" });
    expect(check(r.checks, "rate_limits")?.status).toBe("pass");
  });

  it("a manage scope Okta no longer grants is named, with the kinds it stops", async () => {
    const c = await connected({ allowActions: true });
    await emu.control("POST", "/faults", { removeScope: { app: c.app.clientId, scope: "okta.groups.manage" } });
    const r = await diagnose(c.actor, c.id);
    const s = check(r.checks, "action_scopes")!;
    expect(s).toMatchObject({ status: "fail", cause: "MANAGE_SCOPE_MISSING" });
    expect(s.summary).toMatch(/^The app is not granted okta\.groups\.manage, so Okta refuses add to group and remove from group/);
    expect(s.fix).toContain("grant okta.groups.manage");
  });

  it("Okta refused an action for the admin role: E0000006 and its errorId are the evidence", async () => {
    const c = await connected({ allowActions: true });
    const [u] = (await truthUsers()).filter((x) => x.status === "ACTIVE");
    await failed(c, "user.suspend", u.id, {
      errorCode: "E0000006",
      errorSummary: "You do not have permission to perform the requested action",
      oktaStatus: 403,
      errorId: "oaeTestErrorId123",
    });
    const r = await diagnose(c.actor, c.id);
    expect(check(r.checks, "action_scopes")?.status).toBe("pass");
    const role = check(r.checks, "action_role")!;
    // The emulator may or may not answer the role list; either way the refusal is explained.
    if (role.status === "fail") {
      expect(role.cause).toBe("ROLE_DOES_NOT_ALLOW");
      expect(role.evidence).toContainEqual({ label: "Okta errorId", value: "oaeTestErrorId123" });
    } else {
      expect(role.status).toBe("pass");
      expect(role.evidence).toContainEqual({ label: "Admin roles", value: "SUPER_ADMIN" });
    }
    expect(check(r.checks, "action_target")).toMatchObject({ status: "pass" });
  });

  it("the last failed action's target is re-read: still not allowed, in the request's own words", async () => {
    const c = await connected({ allowActions: true });
    const u = (await truthUsers()).find((x) => x.status === "DEPROVISIONED")!;
    await failed(c, "user.suspend", u.id, {
      errorCode: "E0000001",
      errorSummary: "Api validation failed: status",
      oktaStatus: 400,
      errorId: "oaeStatus1",
    });
    const r = await diagnose(c.actor, c.id);
    const t = check(r.checks, "action_target")!;
    expect(t).toMatchObject({ status: "fail", cause: "TARGET_STATE" });
    expect(t.summary).toContain(`Now: Suspend needs an ACTIVE person; ${u.profile.login} is DEPROVISIONED.`);
    expect(t.evidence).toContainEqual({ label: "Okta errorId", value: "oaeStatus1" });
    expect(t.evidence).toContainEqual({ label: "Status in Okta now", value: "DEPROVISIONED" });
  });
});
