// A tour of every endpoint the console uses, success and error; `call` fails the test on any
// response that does not match Okta's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clientAssertion, control, FORM, startSmall, tokenForm } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
let truth: any;
beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  truth = await control(em.url, "/truth");
});
afterAll(() => em.close());

const get = (p: string, headers = em.ssws) => call(`${em.url}${p}`, { headers });

describe("every read endpoint matches the spec", () => {
  it("users, groups, apps, roles, idps, logs, org metadata", async () => {
    const u = truth.users[3];
    const adminHolder = Object.keys(truth.roles.users)[0];
    const g = truth.groups.find((x: any) => x.type === "OKTA_GROUP");
    const appGroup = truth.groups.find((x: any) => x.type === "APP_GROUP");
    const roleGroup = Object.keys(truth.roles.groups)[0];
    const app = truth.apps.find((a: any) => truth.appUsers[a.id].length > 0);
    const appWithGroups = truth.apps.find((a: any) => truth.appGroups[a.id].length > 0);
    const paths = [
      "/api/v1/users",
      "/api/v1/users?limit=5",
      "/api/v1/users?search=status%20pr",
      `/api/v1/users?filter=${encodeURIComponent('status eq "ACTIVE"')}`,
      "/api/v1/users?q=a",
      `/api/v1/users/${u.id}`,
      `/api/v1/users/${encodeURIComponent(u.profile.login)}`,
      `/api/v1/users/${u.id}/groups`,
      `/api/v1/users/${adminHolder}/roles`,
      `/api/v1/users/${u.id}/appLinks`,
      "/api/v1/groups",
      "/api/v1/groups?limit=3&expand=stats",
      `/api/v1/groups?expand=app&filter=${encodeURIComponent('type eq "APP_GROUP"')}`,
      `/api/v1/groups/${g.id}`,
      `/api/v1/groups/${g.id}/users`,
      `/api/v1/groups/${g.id}/apps`,
      `/api/v1/groups/${roleGroup}/roles`,
      `/api/v1/groups/${appGroup.id}?expand=stats,app`,
      "/api/v1/apps",
      "/api/v1/apps?limit=200",
      `/api/v1/apps/${app.id}`,
      `/api/v1/apps/${app.id}/users?expand=user`,
      `/api/v1/apps/${app.id}/users/${truth.appUsers[app.id][0].id}`,
      `/api/v1/apps/${appWithGroups.id}/groups?expand=group`,
      `/api/v1/apps/${appWithGroups.id}/groups/${truth.appGroups[appWithGroups.id][0].id}`,
      "/api/v1/iam/assignees/users",
      "/api/v1/idps",
      `/api/v1/idps/${truth.idps[0].id}`,
      "/api/v1/logs",
      "/api/v1/logs?limit=1000&since=2000-01-01T00:00:00.000Z".replace(
        "2000-01-01",
        new Date(Date.now() - 6 * 864e5).toISOString().slice(0, 10),
      ),
      "/api/v1/logs?sortOrder=DESCENDING&limit=50",
      `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.authentication.sso"')}`,
      "/api/v1/eventHooks",
      "/api/v1/org",
      "/.well-known/okta-organization",
    ];
    for (const p of paths) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
    }
  });

  it("errors from every layer match the spec's Error schema", async () => {
    const cases: [string, RequestInit, number][] = [
      ["/api/v1/users/00uNOTAREALUSER00000", { headers: em.ssws }, 404],
      ["/api/v1/users", { headers: { authorization: "SSWS nope" } }, 401],
      ["/api/v1/users", {}, 403],
      ["/api/v1/users?filter=department%20eq%20%22x%22", { headers: em.ssws }, 400],
      ["/api/v1/users?search=status%20ne%20%22ACTIVE%22", { headers: em.ssws }, 400],
      ["/api/v1/users?limit=abc", { headers: em.ssws }, 400],
      ["/api/v1/groups?filter=profile.name%20eq%20%22x%22", { headers: em.ssws }, 400],
      ["/api/v1/logs?filter=published%20gt%20%222024-01-01T00:00:00Z%22", { headers: em.ssws }, 400],
      ["/api/v1/logs?since=yesterday", { headers: em.ssws }, 400],
      ["/api/v1/logs?since=2001-01-01T00:00:00Z", { headers: em.ssws }, 400],
      ["/api/v1/apps/0oaNOPE/users", { headers: em.ssws }, 404],
      ["/api/v1/groups/00gNOPE/users", { headers: em.ssws }, 404],
    ];
    for (const [p, init, status] of cases) {
      const r = await call(`${em.url}${p}`, init);
      expect(r.status, p).toBe(status);
      expect(r.body.errorCode, p).toMatch(/^E0000\d{3}$/);
      expect(r.body.errorLink).toBe(r.body.errorCode);
      expect(Array.isArray(r.body.errorCauses)).toBe(true);
    }
  });

  it("write endpoints and their errors match the spec", async () => {
    const truth = await control(em.url, "/truth");
    const pick = (s: string) => truth.users.find((u: any) => u.status === s);
    const active = pick("ACTIVE");
    const staged = pick("STAGED");
    const locked = pick("LOCKED_OUT");
    const base = `${em.url}/api/v1/users`;
    const post = (p: string) => call(`${base}${p}`, { method: "POST", headers: em.ssws });
    expect((await post(`/${active.id}/lifecycle/suspend`)).status).toBe(200);
    expect((await post(`/${active.id}/lifecycle/suspend`)).status).toBe(400);
    expect((await post(`/${active.id}/lifecycle/unsuspend`)).status).toBe(200);
    expect((await post(`/${active.id}/lifecycle/reset_factors`)).status).toBe(200);
    expect((await post(`/${active.id}/lifecycle/expire_password`)).body.status).toBe("PASSWORD_EXPIRED");
    expect((await post(`/${active.id}/lifecycle/reset_password?sendEmail=false`)).body.resetPasswordUrl).toContain("/reset-password/");
    expect((await post(`/${staged.id}/lifecycle/activate?sendEmail=false`)).body.activationToken).toBeTruthy();
    expect((await post(`/${staged.id}/lifecycle/activate`)).status).toBe(403);
    expect((await post(`/${locked.id}/lifecycle/unlock`)).status).toBe(200);
    expect((await post(`/${staged.id}/lifecycle/unlock`)).status).toBe(403);
    expect((await call(`${base}/${active.id}/sessions`, { method: "DELETE", headers: em.ssws })).status).toBe(204);
    const g = truth.groups.find((x: any) => x.type === "OKTA_GROUP");
    const adGroup = truth.groups.find((x: any) => x.type === "APP_GROUP");
    expect((await call(`${em.url}/api/v1/groups/${g.id}/users/${active.id}`, { method: "PUT", headers: em.ssws })).status).toBe(204);
    expect((await call(`${em.url}/api/v1/groups/${adGroup.id}/users/${active.id}`, { method: "PUT", headers: em.ssws })).status).toBe(403);
    expect((await call(`${em.url}/api/v1/groups/${g.id}/users/${active.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(204);
    const app = truth.apps[truth.apps.length - 1];
    const assigned = await call(`${em.url}/api/v1/apps/${app.id}/users`, {
      method: "POST",
      headers: em.ssws,
      json: { id: pick("ACTIVE").id, scope: "USER", credentials: { userName: "someone@example.com" } },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.scope).toBe("USER");
    expect(
      (await call(`${em.url}/api/v1/apps/${app.id}/users`, { method: "POST", headers: em.ssws, json: { scope: "USER" }, badRequest: true }))
        .status,
    ).toBe(400);
    expect((await call(`${em.url}/api/v1/apps/${app.id}/users/${assigned.body.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(
      204,
    );
    expect(
      (await call(`${em.url}/api/v1/apps/${app.id}/groups/${g.id}`, { method: "PUT", headers: em.ssws, json: { priority: 0 } })).status,
    ).toBe(200);
    expect((await call(`${em.url}/api/v1/apps/${app.id}/groups/${g.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(204);
    expect(
      (await call(`${em.url}/api/v1/apps/${app.id}/groups/${g.id}`, { method: "PUT", headers: em.ssws, body: "{not json" })).status,
    ).toBe(400);
    // Creating and editing people, with the query parameters and bodies the spec declares (call() checks the requests too).
    const created = await call(`${base}?activate=false`, {
      method: "POST",
      headers: em.ssws,
      json: {
        profile: {
          firstName: "Spec",
          lastName: "Check",
          email: "spec.check@example.com",
          login: "spec.check@example.com",
          department: "QA",
        },
        groupIds: [g.id],
      },
    });
    expect([created.status, created.body.status]).toEqual([200, "STAGED"]);
    const withPassword = await call(`${base}?activate=true&nextLogin=changePassword`, {
      method: "POST",
      headers: em.ssws,
      json: {
        profile: { firstName: "Spec", lastName: "Two", email: "spec.two@example.com", login: "spec.two@example.com" },
        credentials: { password: { value: "Validated-Against-9" } },
      },
    });
    expect(withPassword.body.status).toBe("PASSWORD_EXPIRED");
    const duplicate = await call(`${base}?activate=false`, { method: "POST", headers: em.ssws, json: { profile: created.body.profile } });
    expect([duplicate.status, duplicate.body.errorCode]).toEqual([400, "E0000001"]);
    const tooMany = await call(`${base}?activate=false`, {
      method: "POST",
      headers: em.ssws,
      json: { profile: { ...created.body.profile, login: "spec.three@example.com" }, groupIds: Array(21).fill(g.id) },
    });
    expect([tooMany.status, tooMany.body.errorCode]).toEqual([400, "E0000093"]);
    expect(
      (await call(`${base}/${created.body.id}`, { method: "POST", headers: em.ssws, json: { profile: { title: "Checker" } } })).body.profile
        .title,
    ).toBe("Checker");
    expect(
      (
        await call(`${base}/${created.body.id}`, {
          method: "PUT",
          headers: em.ssws,
          json: { profile: { ...created.body.profile, title: "Put" } },
        })
      ).body.profile.title,
    ).toBe("Put");
    expect((await post(`/${created.body.id}/lifecycle/activate?sendEmail=false`)).body.activationUrl).toContain("/tokens/");
    expect((await post(`/${created.body.id}/lifecycle/reactivate?sendEmail=false`)).status).toBe(200);
    expect((await post(`/${withPassword.body.id}/lifecycle/reset_password?sendEmail=true&revokeSessions=true`)).status).toBe(200);
    expect(
      (await call(`${base}/${withPassword.body.id}/sessions?oauthTokens=true&forgetDevices=false`, { method: "DELETE", headers: em.ssws }))
        .status,
    ).toBe(204);
    expect((await post(`/${active.id}/lifecycle/deactivate?sendEmail=false`)).status).toBe(200);
    expect((await post(`/${active.id}/lifecycle/deactivate`)).status).toBe(403);
    expect((await call(`${base}/${active.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(204);
    expect((await call(`${base}/${active.id}`, { headers: em.ssws })).status).toBe(404);
  });

  it("token endpoint success and errors match the OAuth spec", async () => {
    const aud = `${em.url}/oauth2/v1/token`;
    const app = em.app("readonly-key");
    const ok = await call(aud, { method: "POST", headers: FORM, body: tokenForm(await clientAssertion(app, aud), "okta.users.read") });
    expect(ok.status).toBe(200);
    const bad = await call(aud, {
      method: "POST",
      headers: FORM,
      body: tokenForm(await clientAssertion(app, "https://wrong.example/oauth2/v1/token"), "okta.users.read"),
    });
    expect(bad.status).toBe(401);
    const noScope = await call(aud, { method: "POST", headers: FORM, body: tokenForm(await clientAssertion(app, aud), "") });
    expect(noScope.status).toBe(400);
  });
});
