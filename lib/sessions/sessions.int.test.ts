// Console sessions are server-side and revocable: these tests sign in through Auth.js's own
// endpoints (the handlers Next mounts at /api/auth/*), then replay the cookie after each way a
// session ends, and check it no longer opens anything.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as passwordPOST } from "@/app/api/me/password/route";
import { GET as meGET } from "@/app/api/me/route";
import { DELETE as sessionDELETE } from "@/app/api/sessions/[id]/route";
import { DELETE as sessionsDELETE, GET as sessionsGET } from "@/app/api/sessions/route";
import { DELETE as userDELETE, PATCH as userPATCH } from "@/app/api/users/[id]/route";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { authRequest, BASE, csrfToken, Jar } from "@/test/auth-flow";
import { type CallRouteOptions, callRoute, type RouteHandler } from "@/test/call-route";
import { createTenant, createUser } from "@/test/factories";
import { cookieFor, signedInSession } from "@/test/session-cookie";
import { SESSION_POLICY } from "./policy";

const ORIGIN = { origin: BASE };

/** Signs in through the credentials endpoint, as the sign-in page does. */
async function signIn(who: { email: string; password: string }, userAgent?: string) {
  const jar = new Jar();
  const res = await authRequest(
    jar,
    "POST",
    "/api/auth/callback/credentials",
    { csrfToken: await csrfToken(jar), email: who.email, password: who.password, callbackUrl: "/integrations" },
    userAgent,
  );
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).not.toContain("error");
  expect(jar.session, "a session cookie was set").toBeTruthy();
  return jar;
}

const withCookie = (cookie: string, opts: CallRouteOptions = {}) => ({ ...opts, headers: { cookie, ...ORIGIN, ...opts.headers } });
const call = (h: RouteHandler, path: string, cookie: string, opts: CallRouteOptions = {}) => callRoute(h, path, withCookie(cookie, opts));
const me = (cookie: string) => call(meGET as RouteHandler, "/api/me", cookie);
const liveSessions = async (userId: string) => getDb().select().from(sessions).where(eq(sessions.userId, userId));

describe("console sessions", () => {
  it("sign-in opens a session row with the client's address and user agent; the cookie names it", async () => {
    const t = await createTenant();
    const jar = await signIn(t.admin, "Mozilla/5.0 (test) Firefox/140.0");
    const rows = await liveSessions(t.admin.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workspaceId: t.ws.id, userAgent: "Mozilla/5.0 (test) Firefox/140.0" });
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(SESSION_POLICY.ABSOLUTE_MS);
    const res = await me(jar.header());
    expect(res.status).toBe(200);
    expect((await res.json()).user.email).toBe(t.admin.email);
  });

  it("sign-out ends the session: the saved cookie replayed afterwards opens nothing and gets no fresh cookie", async () => {
    const t = await createTenant();
    const jar = await signIn(t.admin);
    const saved = jar.header();
    const out = await authRequest(jar, "POST", "/api/auth/signout", { csrfToken: await csrfToken(jar), callbackUrl: "/login" });
    expect(out.status).toBe(302);
    expect(await liveSessions(t.admin.id)).toHaveLength(0);

    expect((await me(saved)).status).toBe(401);
    // Auth.js's own session endpoint: no session, and the cookie is cleared rather than renewed.
    const replay = new Jar();
    for (const part of saved.split("; ")) {
      const i = part.indexOf("=");
      replay.cookies.set(part.slice(0, i), part.slice(i + 1));
    }
    const session = await authRequest(replay, "GET", "/api/auth/session");
    expect(await session.json()).toBeNull();
    expect(replay.session).toBeUndefined();
  });

  it("a cookie for a session that never existed, or for another user's session, opens nothing", async () => {
    const t = await createTenant();
    const { sessionId } = await signedInSession(t.viewer.id);
    expect((await me(await cookieFor(t.admin.id, sessionId))).status).toBe(401);
    expect((await me(await cookieFor(t.admin.id, "00000000-0000-4000-8000-000000000000"))).status).toBe(401);
    expect((await me(await cookieFor(t.viewer.id, sessionId))).status).toBe(200);
  });

  it("idle for 12 hours, or 7 days after sign-in however busy, the session is over", async () => {
    const t = await createTenant();
    const idle = await signedInSession(t.admin.id);
    const old = await signedInSession(t.admin.id);
    const fresh = await signedInSession(t.admin.id);
    const db = getDb();
    await db.update(sessions).set({ lastSeenAt: sql`now() - interval '12 hours 1 minute'` }).where(eq(sessions.id, idle.sessionId));
    await db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '7 days'`, expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, old.sessionId));
    expect((await me(idle.cookie)).status).toBe(401);
    expect((await me(old.cookie)).status).toBe(401);
    expect((await me(fresh.cookie)).status).toBe(200);
  });

  it("a request marks the session as seen (at most once a minute), which keeps it from going idle", async () => {
    const t = await createTenant();
    const s = await signedInSession(t.admin.id);
    await getDb().update(sessions).set({ lastSeenAt: sql`now() - interval '11 hours'` }).where(eq(sessions.id, s.sessionId));
    expect((await me(s.cookie)).status).toBe(200);
    const [row] = await getDb().select().from(sessions).where(eq(sessions.id, s.sessionId));
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("a password change ends the person's other sessions and keeps the one it was made with", async () => {
    const t = await createTenant();
    const a = await signedInSession(t.admin.id);
    const b = await signedInSession(t.admin.id);
    const other = await signedInSession(t.viewer.id);
    const res = await call(passwordPOST as RouteHandler, "/api/me/password", a.cookie, {
      method: "POST",
      body: { currentPassword: t.admin.password, newPassword: "a-brand-new-passphrase" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ endedSessions: 1 });
    expect((await me(a.cookie)).status).toBe(200);
    expect((await me(b.cookie)).status).toBe(401);
    expect((await me(other.cookie)).status).toBe(200);
    // And the new password is the one that signs in now.
    await signIn({ email: t.admin.email, password: "a-brand-new-passphrase" });
  });

  it("a wrong current password changes nothing and names the field", async () => {
    const t = await createTenant();
    const a = await signedInSession(t.admin.id);
    const b = await signedInSession(t.admin.id);
    const [before] = await getDb().select().from(users).where(eq(users.id, t.admin.id));
    const res = await call(passwordPOST as RouteHandler, "/api/me/password", a.cookie, {
      method: "POST",
      body: { currentPassword: "not-my-password", newPassword: "a-brand-new-passphrase" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields).toEqual([{ field: "currentPassword", message: "The current password is wrong" }]);
    const [after] = await getDb().select().from(users).where(eq(users.id, t.admin.id));
    expect(after.passwordHash).toBe(before.passwordHash);
    expect((await me(b.cookie)).status).toBe(200);
  });

  it("an API key cannot change its owner's password", async () => {
    const t = await createTenant();
    const res = await callRoute(passwordPOST as RouteHandler, "/api/me/password", {
      key: t.adminKey,
      method: "POST",
      body: { currentPassword: t.admin.password, newPassword: "a-brand-new-passphrase" },
    });
    expect(res.status).toBe(403);
  });

  it("demoting an admin ends all their sessions; promoting a viewer ends none", async () => {
    const t = await createTenant();
    const second = await createUser(t.ws.id, "admin");
    const hers = await signedInSession(second.id);
    const viewers = await signedInSession(t.viewer.id);
    const admin = await signedInSession(t.admin.id);
    const promote = await call(userPATCH as RouteHandler, `/api/users/${t.viewer.id}`, admin.cookie, {
      method: "PATCH",
      body: { role: "admin" },
      params: { id: t.viewer.id },
    });
    expect(promote.status).toBe(200);
    expect((await me(viewers.cookie)).status).toBe(200);
    const demote = await call(userPATCH as RouteHandler, `/api/users/${second.id}`, admin.cookie, {
      method: "PATCH",
      body: { role: "viewer" },
      params: { id: second.id },
    });
    expect(demote.status).toBe(200);
    expect((await me(hers.cookie)).status).toBe(401);
    expect(await liveSessions(second.id)).toHaveLength(0);
  });

  it("removing a person ends their sessions", async () => {
    const t = await createTenant();
    const viewer = await signedInSession(t.viewer.id);
    const admin = await signedInSession(t.admin.id);
    const res = await call(userDELETE as RouteHandler, `/api/users/${t.viewer.id}`, admin.cookie, {
      method: "DELETE",
      params: { id: t.viewer.id },
    });
    expect(res.status).toBe(204);
    expect((await me(viewer.cookie)).status).toBe(401);
  });

  it("sign out everywhere: ends all of your sessions, or all but this one with keepCurrent=true", async () => {
    const t = await createTenant();
    const [a, b, c] = [await signedInSession(t.admin.id), await signedInSession(t.admin.id), await signedInSession(t.admin.id)];
    const keep = await call(sessionsDELETE as RouteHandler, "/api/sessions?keepCurrent=true", a.cookie, { method: "DELETE" });
    expect(await keep.json()).toEqual({ ended: 2 });
    expect([(await me(a.cookie)).status, (await me(b.cookie)).status, (await me(c.cookie)).status]).toEqual([200, 401, 401]);
    const all = await call(sessionsDELETE as RouteHandler, "/api/sessions", a.cookie, { method: "DELETE" });
    expect(await all.json()).toEqual({ ended: 1 });
    expect((await me(a.cookie)).status).toBe(401);
  });

  it("lists your sessions (an IPv4-mapped address shown as IPv4) with the current one marked; admins see anyone's in the workspace, viewers only their own", async () => {
    const t = await createTenant();
    const v1 = await signedInSession(t.viewer.id, { clientAddress: "192.0.2.10", userAgent: "Safari" });
    const v2 = await signedInSession(t.viewer.id, { clientAddress: "::ffff:192.0.2.11", userAgent: "Chrome" });
    const admin = await signedInSession(t.admin.id);
    const mine = await (await call(sessionsGET as RouteHandler, "/api/sessions", v1.cookie)).json();
    expect(mine.items.map((s: { id: string; current: boolean }) => [s.id, s.current]).sort()).toEqual(
      [
        [v1.sessionId, true],
        [v2.sessionId, false],
      ].sort(),
    );
    expect(mine.items.find((s: { id: string }) => s.id === v2.sessionId)).toMatchObject({
      clientAddress: "192.0.2.11",
      userAgent: "Chrome",
    });
    expect((await call(sessionsGET as RouteHandler, `/api/sessions?userId=${t.admin.id}`, v1.cookie)).status).toBe(403);
    const seen = await (await call(sessionsGET as RouteHandler, `/api/sessions?userId=${t.viewer.id}`, admin.cookie)).json();
    expect(seen.items).toHaveLength(2);
    expect(seen.items.every((s: { current: boolean }) => !s.current)).toBe(true);
  });

  it("ending one session: your own, or anyone's as an admin; never another workspace's", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const v1 = await signedInSession(t.viewer.id);
    const v2 = await signedInSession(t.viewer.id);
    const admin = await signedInSession(t.admin.id);
    const outsider = await signedInSession(other.admin.id);
    const end = (cookie: string, id: string) =>
      call(sessionDELETE as RouteHandler, `/api/sessions/${id}`, cookie, { method: "DELETE", params: { id } });
    expect((await end(v1.cookie, admin.sessionId)).status).toBe(403);
    expect((await end(outsider.cookie, v2.sessionId)).status).toBe(404);
    expect((await me(v2.cookie)).status).toBe(200);
    expect((await end(v1.cookie, v2.sessionId)).status).toBe(204);
    expect((await me(v2.cookie)).status).toBe(401);
    expect((await end(admin.cookie, v1.sessionId)).status).toBe(204);
    expect((await me(v1.cookie)).status).toBe(401);
  });
});

describe("a generated first password", () => {
  it("must be replaced before anything else: every route but the change and who-am-I refuses, then all open", async () => {
    const t = await createTenant();
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, t.admin.id));
    const s = await signedInSession(t.admin.id);
    expect((await me(s.cookie)).status).toBe(200);
    const blocked = await call(sessionsGET as RouteHandler, "/api/sessions", s.cookie);
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.details).toEqual({ reason: "PASSWORD_CHANGE_REQUIRED" });
    const changed = await call(passwordPOST as RouteHandler, "/api/me/password", s.cookie, {
      method: "POST",
      body: { currentPassword: t.admin.password, newPassword: "my-own-passphrase-1" },
    });
    expect(changed.status).toBe(200);
    const [row] = await getDb().select().from(users).where(eq(users.id, t.admin.id));
    expect(row.mustChangePassword).toBe(false);
    expect((await call(sessionsGET as RouteHandler, "/api/sessions", s.cookie)).status).toBe(200);
  });
});
