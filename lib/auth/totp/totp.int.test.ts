// Two-factor authentication (TOTP) against a real Postgres and Auth.js's real handlers: enrolment
// through the API, sign-in needing the code after the password (with it in one request, or as the
// form's second step with a ticket), codes throttled like passwords and good once, recovery codes
// good once, an admin's reset, and a workspace that requires it. The authenticator app is played by
// codeAt(); throttle delays are recorded, not slept.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as meGET } from "@/app/api/me/route";
import { POST as disablePOST } from "@/app/api/me/totp/disable/route";
import { POST as confirmPOST } from "@/app/api/me/totp/enrolment/confirm/route";
import { POST as enrolPOST } from "@/app/api/me/totp/enrolment/route";
import { POST as codesPOST } from "@/app/api/me/totp/recovery-codes/route";
import { GET as statusGET } from "@/app/api/me/totp/route";
import { GET as sessionsGET } from "@/app/api/sessions/route";
import { PATCH as policyPATCH } from "@/app/api/sign-in-settings/route";
import { DELETE as resetDELETE } from "@/app/api/users/[id]/totp/route";
import { getDb } from "@/db";
import { sessions, totpFactors, totpRecoveryCodes } from "@/db/schema";
import { publicCtx } from "@/lib/context";
import { unseal } from "@/lib/crypto/seal";
import type { AppError } from "@/lib/errors";
import { actorFromSession } from "@/lib/sessions/resolve-session";
import { startSession } from "@/lib/sessions/start-session";
import { authRequest, csrfToken, Jar } from "@/test/auth-flow";
import { type CallRouteOptions, callRoute, type RouteHandler } from "@/test/call-route";
import { createTenant, createUser } from "@/test/factories";
import { signedInSession } from "@/test/session-cookie";
import { captureSignInNotes, type SignInNotes } from "../sign-in-refusal";
import { THROTTLE } from "../throttle-policy";
import { totpAad } from "./factor-store";
import { completeSignInChallenge, createSignInChallenge } from "./sign-in-challenge";
import { codeAt } from "./totp";

const ORIGIN = { origin: "http://localhost" };
const as = (cookie: string, opts: CallRouteOptions = {}) => ({ ...opts, headers: { cookie, ...ORIGIN, ...opts.headers } });
const post = (h: RouteHandler, path: string, cookie: string, body?: unknown) => callRoute(h, path, as(cookie, { method: "POST", body }));

/** A person with two-factor on: enrolled through the API. Returns the secret their app holds. */
async function enrolled(role: "admin" | "viewer" = "viewer") {
  const t = await createTenant();
  const user = await createUser(t.ws.id, role);
  const { cookie } = await signedInSession(user.id);
  const start = await post(enrolPOST as RouteHandler, "/api/me/totp/enrolment", cookie);
  expect(start.status).toBe(201);
  const { secret, otpauthUri } = await start.json();
  expect(new URL(otpauthUri).searchParams.get("secret")).toBe(secret);
  const confirmed = await post(confirmPOST as RouteHandler, "/api/me/totp/enrolment/confirm", cookie, { code: codeAt(secret, Date.now()) });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = await confirmed.json();
  return { t, user, cookie, secret: secret as string, recoveryCodes: recoveryCodes as string[] };
}

/** The credentials endpoint as a script uses it (`code` optional), noting a second-step ticket like the form's action. */
async function passwordSignIn(who: { email: string; password: string }, extra: Record<string, string> = {}) {
  const jar = new Jar();
  const notes: SignInNotes = {};
  const token = await csrfToken(jar);
  const res = await captureSignInNotes(notes, () =>
    authRequest(jar, "POST", "/api/auth/callback/credentials", { csrfToken: token, email: who.email, password: who.password, ...extra }),
  );
  return { jar, location: res.headers.get("location") ?? "", ticket: notes.challenge };
}
async function secondStep(ticket: string, code: string) {
  const jar = new Jar();
  const token = await csrfToken(jar);
  const res = await authRequest(jar, "POST", "/api/auth/callback/credentials", { csrfToken: token, ticket, code });
  return { jar, location: res.headers.get("location") ?? "" };
}
const nextStepCode = (secret: string, steps = 1) => codeAt(secret, Date.now() + steps * 30_000);

describe("two-factor authentication (TOTP)", () => {
  it("enrols: the secret is shown once and kept sealed; a wrong code does not turn it on; ten recovery codes, hashed", async () => {
    const t = await createTenant();
    const user = await createUser(t.ws.id, "viewer");
    const { cookie } = await signedInSession(user.id);
    const start = await (await post(enrolPOST as RouteHandler, "/api/me/totp/enrolment", cookie)).json();
    expect(start.qr.length).toBeGreaterThanOrEqual(25);
    const [row] = await getDb().select().from(totpFactors).where(eq(totpFactors.userId, user.id));
    expect(row.sealedSecret).not.toContain(start.secret);
    expect(unseal(row.sealedSecret, totpAad(user.id))).toBe(start.secret);
    expect(row.confirmedAt).toBeNull();

    const wrong = await post(confirmPOST as RouteHandler, "/api/me/totp/enrolment/confirm", cookie, {
      code: "000000" === codeAt(start.secret, Date.now()) ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details.fields[0].field).toBe("code");
    expect((await (await callRoute(statusGET as RouteHandler, "/api/me/totp", as(cookie))).json()).enabled).toBe(false);

    const ok = await post(confirmPOST as RouteHandler, "/api/me/totp/enrolment/confirm", cookie, {
      code: codeAt(start.secret, Date.now()),
    });
    const { recoveryCodes } = await ok.json();
    expect(recoveryCodes).toHaveLength(10);
    const stored = await getDb().select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
    const status = await (await callRoute(statusGET as RouteHandler, "/api/me/totp", as(cookie))).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false, passwordSignIn: true });
    // A second enrolment would replace a working authenticator: refused while it is on.
    expect((await post(enrolPOST as RouteHandler, "/api/me/totp/enrolment", cookie)).status).toBe(409);
  });

  it("asks for the code after a right password: the password alone opens nothing; with the code (or as the second step) it does", async () => {
    const { user, secret } = await enrolled();
    const alone = await passwordSignIn(user);
    expect(alone.location).toBe("http://localhost/login?error=CredentialsSignin&code=totp_required");
    expect(alone.jar.session).toBeUndefined();
    expect(alone.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A wrong password gives no ticket and says nothing about the code.
    const wrongPassword = await passwordSignIn({ email: user.email, password: "not-it" });
    expect(wrongPassword.location).toContain("code=credentials");
    expect(wrongPassword.ticket).toBeUndefined();

    // One code for all three tries: computed afresh each time, a 30-second boundary between them
    // would make the replay a later step's code, which is rightly accepted.
    const code = nextStepCode(secret);
    const step = await secondStep(alone.ticket!, code);
    expect(step.jar.session).toBeTruthy();
    expect((await callRoute(meGET as RouteHandler, "/api/me", as(step.jar.sessionCookie))).status).toBe(200);
    // The ticket is spent, and the same code cannot open a second session.
    expect((await secondStep(alone.ticket!, code)).location).toContain("code=totp_expired");
    const replay = await passwordSignIn(user, { code });
    expect(replay.location).toContain("code=totp_wrong");
    expect(replay.jar.session).toBeUndefined();

    const rows = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.method)).toEqual(["password", "password"]); // signedInSession's and the second step's

    // A script sends the code with the email and password, in one request.
    const script = await enrolled();
    const oneGo = await passwordSignIn(script.user, { code: nextStepCode(script.secret) });
    expect(oneGo.jar.session).toBeTruthy();
    expect(oneGo.ticket).toBeUndefined();
  });

  it("throttles wrong codes like passwords (the delay grows after three) and lets the right code in", async () => {
    const { user, secret } = await enrolled();
    const ticket = await createSignInChallenge(getDb(), user.id);
    const waits: number[] = [];
    // Each guess from another address: the person's delay applies whoever guesses (delays are recorded,
    // not slept, so guesses from one address would also queue behind each other).
    const tryCode = async (code: string) => {
      const ip = `198.51.100.9-${randomUUID().slice(0, 8)}`;
      let waited = 0;
      try {
        await completeSignInChallenge({
          ctx: publicCtx(),
          input: { ticket, code, ip },
          wait: async (ms) => {
            waited += ms;
          },
        });
        return "ok";
      } catch (e) {
        return (e as AppError).code;
      } finally {
        waits.push(waited);
      }
    };
    const wrong = codeAt(secret, Date.now() - 10 * 60_000);
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await tryCode(wrong));
    expect(outcomes).toEqual(Array(6).fill("UNAUTHENTICATED"));
    expect(waits).toEqual([0, 0, 0, THROTTLE.BASE_DELAY_MS, THROTTLE.BASE_DELAY_MS * 2, THROTTLE.BASE_DELAY_MS * 4]);
    expect(await tryCode(nextStepCode(secret))).toBe("ok");
    expect(waits.at(-1)).toBe(THROTTLE.BASE_DELAY_MS * 8);
  });

  it("takes each recovery code once, for the sign-in and nothing else", async () => {
    const { user, recoveryCodes, cookie } = await enrolled();
    const first = await passwordSignIn(user);
    expect((await secondStep(first.ticket!, recoveryCodes[3].toUpperCase())).jar.session).toBeTruthy();
    const again = await passwordSignIn(user);
    const reused = await secondStep(again.ticket!, recoveryCodes[3]);
    expect(reused.location).toContain("code=totp_wrong");
    expect(reused.jar.session).toBeUndefined();
    expect((await (await callRoute(statusGET as RouteHandler, "/api/me/totp", as(cookie))).json()).recoveryCodesLeft).toBe(9);

    // New codes void the old ones.
    const fresh = await (await post(codesPOST as RouteHandler, "/api/me/totp/recovery-codes", cookie, { code: recoveryCodes[4] })).json();
    expect(fresh.recoveryCodes).toHaveLength(10);
    const old = await passwordSignIn(user);
    expect((await secondStep(old.ticket!, recoveryCodes[5])).location).toContain("code=totp_wrong");
    const renewed = await passwordSignIn(user);
    expect((await secondStep(renewed.ticket!, fresh.recoveryCodes[0])).jar.session).toBeTruthy();
  });

  it("turns off only with a code; an admin resets someone's two-factor, in their workspace only", async () => {
    const { t, user, cookie, secret } = await enrolled();
    expect(
      (
        await post(disablePOST as RouteHandler, "/api/me/totp/disable", cookie, {
          code: "123456" === nextStepCode(secret) ? "654321" : "123456",
        })
      ).status,
    ).toBe(400);

    const other = await createTenant();
    const reset = (key: string, id: string) =>
      callRoute(resetDELETE as RouteHandler, `/api/users/${id}/totp`, { key, method: "DELETE", params: { id } });
    expect((await reset(t.viewerKey, user.id)).status).toBe(403);
    expect((await reset(other.adminKey, user.id)).status).toBe(404);
    expect((await reset(t.adminKey, user.id)).status).toBe(200);
    expect(await getDb().select().from(totpFactors).where(eq(totpFactors.userId, user.id))).toEqual([]);
    expect(await getDb().select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, user.id))).toEqual([]);
    expect((await reset(t.adminKey, user.id)).status).toBe(409);
    // The password alone signs in again.
    expect((await passwordSignIn(user)).jar.session).toBeTruthy();

    const again = await enrolled();
    const off = await post(disablePOST as RouteHandler, "/api/me/totp/disable", again.cookie, { code: nextStepCode(again.secret) });
    expect(off.status).toBe(200);
    expect((await passwordSignIn(again.user)).jar.session).toBeTruthy();
  });

  it("where the workspace requires it, a password session without an authenticator must set one up before anything else", async () => {
    const t = await createTenant();
    const user = await createUser(t.ws.id, "viewer");
    const policy = await callRoute(policyPATCH as RouteHandler, "/api/sign-in-settings", {
      key: t.adminKey,
      method: "PATCH",
      body: { requireTotp: true },
    });
    expect((await policy.json()).requireTotp).toBe(true);

    const { jar } = await passwordSignIn(user);
    expect(jar.session).toBeTruthy();
    const refused = await callRoute(sessionsGET as RouteHandler, "/api/sessions", as(jar.sessionCookie));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details).toEqual({ reason: "TOTP_ENROLMENT_REQUIRED" });
    expect((await callRoute(meGET as RouteHandler, "/api/me", as(jar.sessionCookie))).status).toBe(200);

    const start = await (await post(enrolPOST as RouteHandler, "/api/me/totp/enrolment", jar.sessionCookie)).json();
    expect(
      (
        await post(confirmPOST as RouteHandler, "/api/me/totp/enrolment/confirm", jar.sessionCookie, {
          code: codeAt(start.secret, Date.now()),
        })
      ).status,
    ).toBe(200);
    expect((await callRoute(sessionsGET as RouteHandler, "/api/sessions", as(jar.sessionCookie))).status).toBe(200);

    // Sessions opened with Okta are not asked (Okta's own policy applies), and API keys are not sessions.
    const okta = await createUser(t.ws.id, "viewer");
    const sid = await startSession({
      ctx: publicCtx(),
      input: { userId: okta.id, workspaceId: t.ws.id, clientAddress: "", userAgent: "", method: "okta" },
    });
    expect((await actorFromSession(sid, okta.id))?.mustEnrolTotp).toBe(false);
    const pw = await startSession({ ctx: publicCtx(), input: { userId: okta.id, workspaceId: t.ws.id, clientAddress: "", userAgent: "" } });
    expect((await actorFromSession(pw, okta.id))?.mustEnrolTotp).toBe(true);
    expect((await callRoute(sessionsGET as RouteHandler, "/api/sessions", { key: t.viewerKey })).status).toBe(200);
  });
});
