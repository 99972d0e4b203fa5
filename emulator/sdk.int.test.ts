// The official Okta Node SDK, pointed at the emulator, reads exactly the ground truth, with an SSWS
// token and with private-key OAuth (plain http works: SDK 8.x has no https check).
import okta from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkResponse, control, startSmall } from "./testkit";

/** The SDK's own requests are spec-checked too. */
class CheckingExecutor extends okta.DefaultRequestExecutor {
  async fetch(request: { url: string; method?: string }) {
    const res = await super.fetch(request as never);
    // Read once and hand the SDK the same text (a node-fetch clone stalls on large bodies).
    const text = await res.text();
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers.raw() as Record<string, string[]>)) for (const x of v) headers.append(k, x);
    checkResponse(request.method ?? "GET", request.url, res.status, text, headers);
    return Object.assign(res, { text: async () => text, json: async () => JSON.parse(text) });
  }
}

let em: Awaited<ReturnType<typeof startSmall>>;
let truth: any;
beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  truth = await control(em.url, "/truth");
});
afterAll(() => em.close());

async function all<T>(c: Promise<AsyncIterable<T>>): Promise<NonNullable<T>[]> {
  const out: NonNullable<T>[] = [];
  for await (const x of await c) if (x) out.push(x);
  return out;
}
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d);
const userKey = (u: any) => ({
  id: u.id,
  status: u.status,
  login: u.profile.login,
  firstName: u.profile.firstName,
  lastUpdated: iso(u.lastUpdated),
  created: iso(u.created),
});
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

const clients: [string, () => okta.Client][] = [
  ["SSWS token", () => new okta.Client({ orgUrl: em.url, token: em.token("admin-token"), requestExecutor: new CheckingExecutor() })],
  [
    "private-key OAuth",
    () =>
      new okta.Client({
        orgUrl: em.url,
        authorizationMode: "PrivateKey",
        clientId: em.app("readonly-key").clientId,
        keyId: em.app("readonly-key").kid,
        scopes: ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read"],
        privateKey: em.app("readonly-key").privateKeyPem,
        requestExecutor: new CheckingExecutor(),
      }),
  ],
];

describe.each(clients)("@okta/okta-sdk-nodejs with %s", (_name, make) => {
  it("lists users (default and search=status pr) exactly as the truth", async () => {
    const client = make();
    const everyone = await all(client.userApi.listUsers({ search: "status pr", limit: 70 }));
    expect(everyone.map(userKey).sort(byId)).toEqual(truth.users.map(userKey).sort(byId));
    const defaults = await all(client.userApi.listUsers({ limit: 90 }));
    expect(defaults.map((u) => u.id).sort()).toEqual(
      truth.users
        .filter((u: any) => u.status !== "DEPROVISIONED")
        .map((u: any) => u.id)
        .sort(),
    );
    const one = everyone.find((u) => /[^\p{ASCII}]/u.test(String(u.profile?.lastName)))!;
    expect(one.profile?.lastName).toBe(truth.users.find((u: any) => u.id === one.id).profile.lastName);
  });

  it("lists groups and group members exactly as the truth", async () => {
    const client = make();
    const groups = await all(client.groupApi.listGroups({ limit: 13 }));
    expect(
      groups.map((g) => ({ id: g.id, type: g.type, name: g.profile?.name, lastMembershipUpdated: iso(g.lastMembershipUpdated) })),
    ).toEqual(
      truth.groups.map((g: any) => ({ id: g.id, type: g.type, name: g.profile.name, lastMembershipUpdated: g.lastMembershipUpdated })),
    );
    for (const m of truth.memberships.slice(0, 6)) {
      const members = await all(client.groupApi.listGroupUsers({ groupId: m.groupId, limit: 40 }));
      expect(members.map((u) => u.id).sort()).toEqual([...m.userIds].sort());
    }
  });

  it("lists apps and app users exactly as the truth", async () => {
    const client = make();
    const apps = await all(client.applicationApi.listApplications({ limit: 4 }));
    expect(apps.map((a) => ({ id: a.id, label: a.label, status: a.status, signOnMode: a.signOnMode }))).toEqual(
      truth.apps.map((a: any) => ({ id: a.id, label: a.label, status: a.status, signOnMode: a.signOnMode })),
    );
    for (const a of truth.apps.filter((x: any) => truth.appUsers[x.id].length).slice(0, 4)) {
      const users = await all(client.applicationApi.listApplicationUsers({ appId: a.id, limit: 31 }));
      expect(users.map((u) => ({ id: u.id, scope: u.scope, status: u.status, userName: u.credentials?.userName }))).toEqual(
        truth.appUsers[a.id].map((u: any) => ({ id: u.id, scope: u.scope, status: u.status, userName: u.credentials.userName })),
      );
    }
  });

  it("lists System Log events of a bounded window exactly as the truth", async () => {
    const client = make();
    const since = new Date(Date.now() - 4 * 864e5).toISOString();
    const until = new Date(Date.now() - 2 * 864e5).toISOString();
    const events = await all(client.systemLogApi.listLogEvents({ since, until, limit: 100 }));
    const expected = await (
      await fetch(`${em.url}/__emulator/truth/logs?since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`)
    ).json();
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => ({ uuid: e.uuid, eventType: e.eventType, published: iso(e.published), actor: e.actor?.id }))).toEqual(
      expected.map((e: any) => ({ uuid: e.uuid, eventType: e.eventType, published: e.published, actor: e.actor.id })),
    );
  });
});
