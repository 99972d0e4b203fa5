// Sign-in with Okta end to end, without a browser: Auth.js's real handlers, the Okta emulator over HTTP
// (its /authorize page, token endpoint and keys), a real Postgres. Proves PKCE, state and nonce are
// checked, the ID token's signature is verified, Okta groups map to console roles, people outside the
// mapped groups are refused, and the console account is created just in time with a revocable session.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as meGET } from "@/app/api/me/route";
import { DELETE as oktaDELETE, PUT as oktaPUT } from "@/app/api/sign-in-settings/okta/route";
import { GET as settingsGET } from "@/app/api/sign-in-settings/route";
import { getDb } from "@/db";
import { oktaSignInConfigs, sessions, users } from "@/db/schema";
import { unseal } from "@/lib/crypto/seal";
import { authRequest, BASE, csrfToken, Jar } from "@/test/auth-flow";
import { callRoute } from "@/test/call-route";
import { createTenant, createUser } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { providerIdFor, secretAad } from "./store";

let em: TestEmulator;
type OktaUser = { id: string; status: string; profile: { login: string; email: string; firstName: string; lastName: string } };
let people: { admin: OktaUser; viewer: OktaUser; outsider: OktaUser; other: OktaUser };
let groups: { admins: string; viewers: string };

const ssws = () => ({ authorization: `SSWS ${em.apiToken()}`, accept: "application/json" });
async function okta(method: string, path: string) {
  const res = await fetch(`${em.url}${path}`, { method, headers: ssws() });
  if (!res.ok && res.status !== 204) throw new Error(`${method} ${path}: ${res.status}`);
  return res.status === 204 ? null : res.json();
}

beforeAll(async () => {
  em = await startTestEmulator();
  const all = (await em.control<OktaUser[]>("GET", "/truth/users")).filter((u) => u.status === "ACTIVE");
  const oktaGroups = (
    (await okta("GET", '/api/v1/groups?filter=type eq "OKTA_GROUP"')) as { id: string; profile: { name: string } }[]
  ).slice(0, 2);
  groups = { admins: oktaGroups[0].profile.name, viewers: oktaGroups[1].profile.name };
  const [admin, viewer, outsider, other] = all;
  people = { admin, viewer, outsider, other };
  // Exact memberships: admin in the admins group, viewer in the viewers group, the others in neither.
  for (const u of [admin, viewer, outsider, other])
    for (const g of oktaGroups) await okta("DELETE", `/api/v1/groups/${g.id}/users/${u.id}`).catch(() => null);
  await okta("PUT", `/api/v1/groups/${oktaGroups[0].id}/users/${admin.id}`);
  await okta("PUT", `/api/v1/groups/${oktaGroups[1].id}/users/${viewer.id}`);
  await okta("PUT", `/api/v1/groups/${oktaGroups[1].id}/users/${other.id}`);
});
afterAll(() => em?.close());

/** A workspace with a local admin, sign-in with Okta set up through the API, and the app in the emulator. */
async function workspaceWithOkta() {
  const t = await createTenant();
  const app = await em.control<{ clientId: string; clientSecret: string }>("POST", "/oidc/clients", {
    redirectUris: [`${BASE}/api/auth/callback/${providerIdFor(t.ws.id)}`],
  });
  const res = await callRoute(oktaPUT, "/api/sign-in-settings/okta", {
    key: t.adminKey,
    method: "PUT",
    body: {
      oktaDomain: em.url,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      adminGroups: [groups.admins],
      viewerGroups: [groups.viewers],
    },
  });
  expect(res.status).toBe(200);
  return { ...t, app };
}

/** From "Sign in with Okta" to the redirect back to the console, through the emulator's sign-in page. */
async function startSignIn(workspaceId: string, jar = new Jar()) {
  const start = await authRequest(jar, "POST", `/api/auth/signin/${providerIdFor(workspaceId)}`, {
    csrfToken: await csrfToken(jar),
    callbackUrl: "/integrations",
  });
  expect(start.status).toBe(302);
  return { jar, authorizeUrl: new URL(start.headers.get("location")!) };
}
async function oktaSignsIn(authorizeUrl: URL, login: string): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  const txn = /name="txn" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${em.url}/login/emulator`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ txn, username: login, password: "Okta-emulator-1" }).toString(),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}
async function signInWithOkta(workspaceId: string, login: string) {
  const { jar, authorizeUrl } = await startSignIn(workspaceId);
  const back = await oktaSignsIn(authorizeUrl, login);
  const done = await authRequest(jar, "GET", `${back.pathname}${back.search}`);
  return { jar, done, location: done.headers.get("location") ?? "" };
}
const me = (jar: Jar) => callRoute(meGET, "/api/me", { headers: { cookie: jar.sessionCookie } });
const userByEmail = async (email: string) => (await getDb().select().from(users).where(eq(users.email, email.toLowerCase())))[0];

describe("sign-in with Okta", () => {
  it("asks Okta for a code with PKCE (S256), state, nonce and the groups scope, at the workspace's redirect URI", async () => {
    const t = await workspaceWithOkta();
    const { authorizeUrl } = await startSignIn(t.ws.id);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${em.url}/oauth2/v1/authorize`);
    const q = Object.fromEntries(authorizeUrl.searchParams);
    expect(q).toMatchObject({
      client_id: t.app.clientId,
      response_type: "code",
      redirect_uri: `${BASE}/api/auth/callback/okta-${t.ws.id}`,
      scope: "openid email profile groups",
      code_challenge_method: "S256",
    });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state).toBeTruthy();
    expect(q.nonce).toBeTruthy();
  });

  it("creates the console account on first sign-in, with the role of the person's Okta group and a server-side session", async () => {
    const t = await workspaceWithOkta();
    for (const [who, role] of [
      [people.admin, "admin"],
      [people.viewer, "viewer"],
    ] as const) {
      // Another test's workspace may have created this person: start from none.
      await getDb().delete(users).where(eq(users.email, who.profile.email.toLowerCase()));
      const { jar, location } = await signInWithOkta(t.ws.id, who.profile.login);
      expect(location).toBe(`${BASE}/integrations`);
      const res = await me(jar);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.user).toMatchObject({
        email: who.profile.email.toLowerCase(),
        role,
        name: `${who.profile.firstName} ${who.profile.lastName}`,
      });
      expect(body.workspace.id).toBe(t.ws.id);
      const user = await userByEmail(who.profile.email);
      expect(user).toMatchObject({ workspaceId: t.ws.id, role, oktaSubject: who.id });
      const rows = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
      expect(rows.map((r) => r.method)).toEqual(["okta"]);
      // A JIT account has no password: the password sign-in cannot open it.
      const pw = new Jar();
      const refused = await authRequest(pw, "POST", "/api/auth/callback/credentials", {
        csrfToken: await csrfToken(pw),
        email: who.profile.email,
        password: "",
      });
      expect(refused.headers.get("location")).toContain("error=CredentialsSignin");
      // Ending the session works as for a password sign-in.
      await getDb().delete(sessions).where(eq(sessions.userId, user.id));
      expect((await me(jar)).status).toBe(401);
    }
  });

  it("follows the groups at every sign-in, and links an existing local account by email", async () => {
    const t = await workspaceWithOkta();
    await getDb().delete(users).where(eq(users.email, people.other.profile.email.toLowerCase()));
    // A local admin with the same email as an Okta viewer: linked, and demoted by the mapping.
    const [local] = await getDb()
      .insert(users)
      .values({ workspaceId: t.ws.id, email: people.other.profile.email, name: "Local", role: "admin", passwordHash: "x" })
      .returning();
    const { jar: other } = await signInWithOkta(t.ws.id, people.other.profile.login);
    expect((await (await me(other)).json()).user).toMatchObject({ id: local.id, role: "viewer" });
    expect((await userByEmail(people.other.profile.email)).oktaSubject).toBe(people.other.id);

    // The admin mapping now names the viewers' group too: the next sign-in promotes.
    const res = await callRoute(oktaPUT, "/api/sign-in-settings/okta", {
      key: t.adminKey,
      method: "PUT",
      body: { oktaDomain: em.url, clientId: t.app.clientId, adminGroups: [groups.admins, groups.viewers], viewerGroups: [] },
    });
    expect(res.status).toBe(200);
    const { jar: again } = await signInWithOkta(t.ws.id, people.other.profile.login);
    expect((await (await me(again)).json()).user).toMatchObject({ id: local.id, role: "admin" });

    // Mapped as operators and as viewers: the higher role, operator, wins; the settings keep each group in one list.
    const asOperator = await callRoute(oktaPUT, "/api/sign-in-settings/okta", {
      key: t.adminKey,
      method: "PUT",
      body: {
        oktaDomain: em.url,
        clientId: t.app.clientId,
        adminGroups: [groups.admins],
        operatorGroups: [groups.viewers],
        viewerGroups: [groups.viewers],
      },
    });
    expect(asOperator.status).toBe(200);
    expect((await asOperator.json()).okta).toMatchObject({ operatorGroups: [groups.viewers], viewerGroups: [] });
    const { jar: operator } = await signInWithOkta(t.ws.id, people.other.profile.login);
    expect((await (await me(operator)).json()).user).toMatchObject({ id: local.id, role: "operator" });
  });

  it("refuses someone in no mapped group with a clear reason, and creates nothing", async () => {
    const t = await workspaceWithOkta();
    const { jar, location } = await signInWithOkta(t.ws.id, people.outsider.profile.login);
    expect(location).toBe(`${BASE}/login?error=OktaSignIn&code=okta_not_in_group`);
    expect(jar.session).toBeUndefined();
    expect(await userByEmail(people.outsider.profile.email)).toBeUndefined();
  });

  it("refuses an email that belongs to another workspace's account", async () => {
    const t = await workspaceWithOkta();
    const elsewhere = await createTenant();
    await getDb().delete(users).where(eq(users.email, people.viewer.profile.email.toLowerCase()));
    await getDb()
      .insert(users)
      .values({ workspaceId: elsewhere.ws.id, email: people.viewer.profile.email, role: "admin", passwordHash: "x" });
    const { jar, location } = await signInWithOkta(t.ws.id, people.viewer.profile.login);
    expect(location).toBe(`${BASE}/login?error=OktaSignIn&code=okta_other_account`);
    expect(jar.session).toBeUndefined();
    expect((await userByEmail(people.viewer.profile.email)).workspaceId).toBe(elsewhere.ws.id);
    await getDb().delete(users).where(eq(users.email, people.viewer.profile.email.toLowerCase()));
  });

  it("refuses a changed state, another sign-in's PKCE verifier, a wrong nonce and an ID token Okta's keys did not sign", async () => {
    const t = await workspaceWithOkta();
    const refused = async (jar: Jar, back: URL) => {
      const res = await authRequest(jar, "GET", `${back.pathname}${back.search}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^http:\/\/localhost\/login\?error=/);
      expect(jar.session).toBeUndefined();
    };
    const sessionsBefore = (await getDb().select().from(sessions).where(eq(sessions.method, "okta"))).length;

    // State: the callback's state is not the one this browser's cookie holds.
    const a = await startSignIn(t.ws.id);
    const backA = await oktaSignsIn(a.authorizeUrl, people.admin.profile.login);
    backA.searchParams.set("state", `${backA.searchParams.get("state")}x`);
    await refused(a.jar, backA);

    // PKCE: this browser's verifier cookie comes from another sign-in, so the verifier does not match
    // the challenge Okta holds for this code (the emulator answers "PKCE verification failed.").
    const b = await startSignIn(t.ws.id);
    const c = await startSignIn(t.ws.id);
    const pkceCookie = [...c.jar.cookies.keys()].find((k) => k.includes("pkce"))!;
    b.jar.cookies.set(pkceCookie, c.jar.cookies.get(pkceCookie)!);
    await refused(b.jar, await oktaSignsIn(b.authorizeUrl, people.admin.profile.login));

    // Nonce: Okta's ID token carries another nonce than the one this sign-in sent.
    await em.control("PATCH", "/oidc", { tamper: { nonce: "someone-elses" } });
    try {
      const d = await startSignIn(t.ws.id);
      await refused(d.jar, await oktaSignsIn(d.authorizeUrl, people.admin.profile.login));
    } finally {
      await em.control("PATCH", "/oidc", { tamper: null });
    }

    // Signature: everything else right, but signed with a key the org does not publish.
    await em.control("PATCH", "/oidc", { tamper: { foreignKey: true } });
    try {
      const { jar, location } = await signInWithOkta(t.ws.id, people.admin.profile.login);
      expect(location).toBe(`${BASE}/login?error=OktaSignIn&code=okta_token`);
      expect(jar.session).toBeUndefined();
    } finally {
      await em.control("PATCH", "/oidc", { tamper: null });
    }
    expect((await getDb().select().from(sessions).where(eq(sessions.method, "okta"))).length).toBe(sessionsBefore);
  });

  it("keeps the client secret sealed and never shows it; removing the setup deletes it and stops the sign-in", async () => {
    const t = await workspaceWithOkta();
    const [row] = await getDb().select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, t.ws.id));
    expect(row.sealedClientSecret).not.toContain(t.app.clientSecret);
    expect(unseal(row.sealedClientSecret, secretAad(t.ws.id))).toBe(t.app.clientSecret);
    const shown = await (await callRoute(settingsGET, "/api/sign-in-settings", { key: t.adminKey })).text();
    expect(shown).not.toContain(t.app.clientSecret);
    expect(JSON.parse(shown).okta).toMatchObject({
      oktaDomain: em.url,
      clientId: t.app.clientId,
      hasClientSecret: true,
      adminGroups: [groups.admins],
    });
    expect((await callRoute(settingsGET, "/api/sign-in-settings", { key: t.viewerKey })).status).toBe(403);

    const first = await callRoute(oktaPUT, "/api/sign-in-settings/okta", {
      key: (await createTenant()).adminKey,
      method: "PUT",
      body: { oktaDomain: em.url, clientId: "0oa1", adminGroups: ["x"], viewerGroups: [] },
    });
    expect(first.status).toBe(400);
    expect((await first.json()).error.message).toBe("clientSecret: Enter the client secret");

    expect((await callRoute(oktaDELETE, "/api/sign-in-settings/okta", { key: t.adminKey, method: "DELETE" })).status).toBe(200);
    expect(await getDb().select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, t.ws.id))).toEqual([]);
    const { authorizeUrl } = await startSignIn(t.ws.id);
    // Auth.js no longer knows the provider: it sends the browser to the sign-in page, not to Okta.
    expect(authorizeUrl.origin).toBe(BASE);
  });

  it("refuses a domain where no Okta org answers, naming the field", async () => {
    const t = await createTenant();
    const admin = await createUser(t.ws.id, "admin");
    expect(admin.role).toBe("admin");
    const res = await callRoute(oktaPUT, "/api/sign-in-settings/okta", {
      key: t.adminKey,
      method: "PUT",
      body: { oktaDomain: "http://127.0.0.1:1", clientId: "0oa1", clientSecret: "s", adminGroups: ["x"], viewerGroups: [] },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields[0].field).toBe("oktaDomain");
    expect(
      await getDb()
        .select()
        .from(oktaSignInConfigs)
        .where(and(eq(oktaSignInConfigs.workspaceId, t.ws.id))),
    ).toEqual([]);
  });

  it("a setup whose secret cannot be opened (a key lost in a rotation) turns off that Okta sign-in only", async () => {
    const broken = await createTenant();
    const t = await workspaceWithOkta();
    await getDb().insert(oktaSignInConfigs).values({
      workspaceId: broken.ws.id,
      issuer: em.url,
      clientId: "0oabroken",
      sealedClientSecret: "v1.gone.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA",
    });
    try {
      const pw = new Jar();
      const res = await authRequest(pw, "POST", "/api/auth/callback/credentials", {
        csrfToken: await csrfToken(pw),
        email: broken.admin.email,
        password: broken.admin.password,
      });
      expect(res.status).toBe(302);
      expect(pw.session).toBeTruthy();
      await getDb().delete(users).where(eq(users.email, people.admin.profile.email.toLowerCase()));
      const { jar } = await signInWithOkta(t.ws.id, people.admin.profile.login);
      expect(jar.session).toBeTruthy();
    } finally {
      await getDb().delete(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, broken.ws.id));
    }
  });
});
