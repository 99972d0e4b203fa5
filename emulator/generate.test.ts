// The generated tenant: deterministic, realistic, internally consistent (the 100k-user run is in
// generate.int.test.ts, with the slow tier).
import { describe, expect, it } from "vitest";
import { generateTenant } from "./generate";
import { USER_STATUSES } from "./state";

const DAY = 864e5;
const t = generateTenant({ seed: 42, users: 3000, groups: 200, apps: 50, logDays: 30 });

describe("tenant generator", () => {
  it("is deterministic for a seed (only the clock anchor moves)", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const a = generateTenant({ seed: 5, users: 200, groups: 30, apps: 10, logDays: 3, now });
    const b = generateTenant({ seed: 5, users: 200, groups: 30, apps: 10, logDays: 3, now });
    const c = generateTenant({ seed: 6, users: 200, groups: 30, apps: 10, logDays: 3, now });
    const shape = (x: typeof a) =>
      JSON.stringify([
        x.users.map((u) => [u.id, u.status, u.profile, u.groups, u.apps, u.created]),
        x.groups.map((g) => [g.id, g.members]),
        x.apps.map((p) => [p.id, p.userOrder]),
        x.logs,
      ]);
    expect(shape(a)).toBe(shape(b));
    expect(shape(a)).not.toBe(shape(c));
  });

  it("has users in every status with timestamps that agree with it", () => {
    const counts = Object.fromEntries(USER_STATUSES.map((s) => [s, t.users.filter((u) => u.status === s).length]));
    for (const s of USER_STATUSES) expect(counts[s], s).toBeGreaterThan(0);
    expect(counts.ACTIVE / t.users.length).toBeGreaterThan(0.75);
    for (const u of t.users) {
      expect(u.lastUpdated).toBeGreaterThanOrEqual(Math.max(u.created, u.activated ?? 0, u.statusChanged ?? 0, u.passwordChanged ?? 0));
      expect(u.lastUpdated).toBeLessThanOrEqual(t.generatedAt);
      if (u.status === "STAGED") expect([u.activated, u.lastLogin, u.passwordChanged]).toEqual([null, null, null]);
      if (u.activated) expect(u.activated).toBeGreaterThanOrEqual(u.created);
      if (u.lastLogin) expect(u.lastLogin).toBeGreaterThanOrEqual(u.activated!);
      if (u.status === "DEPROVISIONED") {
        expect(u.apps).toEqual([]);
        if (u.lastLogin) expect(u.lastLogin).toBeLessThanOrEqual(u.statusChanged!);
      }
    }
  });

  it("writes full, partly non-ASCII profiles with managers and custom attributes", () => {
    const nonAscii = t.users.filter((u) => /[^\p{ASCII}]/u.test(`${u.profile.firstName}${u.profile.lastName}`));
    expect(nonAscii.length / t.users.length).toBeGreaterThan(0.2);
    for (const u of t.users.slice(0, 500)) {
      expect(u.profile.login).toMatch(/^[a-z0-9.]+@[a-z]+\.example$/);
      for (const k of ["department", "title", "employeeNumber", "city", "countryCode", "hireDate", "workdayId"])
        expect(u.profile[k], k).toBeTruthy();
    }
    expect(new Set(t.users.map((u) => u.profile.login)).size).toBe(t.users.length);
    expect(t.users.filter((u) => u.profile.manager).length / t.users.length).toBeGreaterThan(0.9);
  });

  it("has all group types, skewed sizes, empty groups and symmetric memberships", () => {
    expect(t.groups[0].profile.name).toBe("Everyone");
    expect(new Set(t.groups.map((g) => g.type))).toEqual(new Set(["BUILT_IN", "OKTA_GROUP", "APP_GROUP"]));
    for (const g of t.groups.filter((x) => x.type === "APP_GROUP")) expect(t.apps[g.sourceApp!].name).toBe("active_directory");
    const sizes = t.groups
      .slice(1)
      .map((g) => g.members.length)
      .sort((a, b) => b - a);
    expect(sizes[0]).toBeGreaterThan(t.users.length * 0.15);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(sizes[0] / 10);
    expect(sizes.filter((s) => s === 0).length).toBeGreaterThan(0);
    for (const g of t.groups) for (const s of g.members) expect(t.users[s].groups).toContain(g.seq);
  });

  it("assigns apps to users and groups with both scopes; roles, custom roles and IdPs exist", () => {
    expect(new Set(t.apps.map((a) => a.signOnMode)).size).toBeGreaterThanOrEqual(7);
    expect(t.apps.some((a) => a.status === "INACTIVE")).toBe(true);
    const scopes = new Set(t.apps.flatMap((a) => [...a.users.values()].map((au) => (au.direct ? "USER" : "GROUP"))));
    expect(scopes).toEqual(new Set(["USER", "GROUP"]));
    for (const a of t.apps) for (const s of a.userOrder) expect(t.users[s].apps).toContain(a.seq);
    const roles = [...t.rolesByUser.values()].flat();
    expect(roles.some((r) => r.type === "SUPER_ADMIN")).toBe(true);
    expect(roles.some((r) => r.type === "CUSTOM")).toBe(true);
    expect(t.rolesByGroup.size).toBeGreaterThan(0);
    expect(t.idps.length).toBeGreaterThanOrEqual(3);
  });

  it("agrees with lastLogin: a sign-in at it inside the window, nothing signed-in after it, app sign-ins by people who signed in", () => {
    const from = t.generatedAt - 30 * DAY;
    const lastSignIn = new Map<number, number>();
    for (const l of t.logs)
      if (l.e === "user.session.start" && l.o !== "FAILURE")
        lastSignIn.set(l.a as number, Math.max(lastSignIn.get(l.a as number) ?? 0, l.t));
    let inWindow = 0;
    for (const u of t.users) {
      if (u.lastLogin !== null && u.lastLogin >= from) {
        inWindow++;
        expect(lastSignIn.get(u.seq), u.id).toBe(u.lastLogin);
      } else expect(lastSignIn.has(u.seq), u.id).toBe(false);
    }
    expect(inWindow).toBeGreaterThan(t.users.length / 2);
    for (const l of t.logs.filter((x) =>
      ["user.authentication.sso", "user.authentication.auth_via_mfa", "user.session.end"].includes(x.e),
    )) {
      const u = t.users[l.a as number];
      expect(u.lastLogin, l.e).not.toBeNull();
      expect(l.t).toBeLessThanOrEqual(u.lastLogin!);
      expect(l.t).toBeGreaterThanOrEqual(from);
    }
    // The demo's hygiene views have something to show.
    const active = t.users.filter((u) => u.status === "ACTIVE");
    expect(active.filter((u) => u.lastLogin === null).length).toBeGreaterThan(0);
    expect(active.filter((u) => u.lastLogin !== null && u.lastLogin < t.generatedAt - 90 * DAY).length).toBeGreaterThan(0);
    expect(
      t.users.filter((u) => u.status === "DEPROVISIONED" && u.groups.some((g) => t.groups[g].type === "OKTA_GROUP")).length,
    ).toBeGreaterThan(0);
    const sso = t.logs.filter((l) => l.e === "user.authentication.sso");
    expect(new Set(sso.map((l) => l.x)).size).toBeGreaterThan(5);
    for (const l of sso) expect(t.users[l.a as number].apps).toContain(l.x);
  });

  it("writes a System Log history over the window with every kind of event", () => {
    const types = new Set(t.logs.map((l) => l.e));
    for (const e of [
      "user.session.start",
      "user.authentication.sso",
      "user.authentication.auth_via_mfa",
      "user.lifecycle.create",
      "user.lifecycle.deactivate",
      "group.user_membership.add",
      "application.user_membership.add",
      "user.account.privilege.grant",
    ])
      expect(types.has(e), e).toBe(true);
    expect(t.logs.some((l) => l.e === "user.session.start" && l.o === "FAILURE")).toBe(true);
    for (let i = 1; i < t.logs.length; i++) expect(t.logs[i].t).toBeGreaterThanOrEqual(t.logs[i - 1].t);
    expect(t.logs[0].t).toBeGreaterThanOrEqual(t.generatedAt - 30 * DAY);
  });
});
