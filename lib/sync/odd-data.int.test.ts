// Data from Okta never stops a sync. What Postgres cannot store (NUL, lone surrogates) is cleaned,
// a value too long for a sort index is cut in its column and kept whole in the profile, and an object
// that still cannot be written is quarantined (event log: its id and why) while the rest is written,
// its stored copy kept through the sweep. And a row an event hook writes while a full run is listing
// survives that run's sweep. Proved on the batch writer itself and on full runs against the emulator
// with exact values planted through its control plane.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hookRoute from "@/app/api/hooks/okta/[id]/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { applyHookEvents } from "@/lib/hooks/apply-hook-events";
import { setupEventHook } from "@/lib/hooks/setup-event-hook";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, finishRun, insertIntegration, insertRunningRun, runResources } from "@/test/sync-fixtures";
import { startSync } from "./start-sync";
import { sweep } from "./sweep";
import { membershipsTable, userRow, usersTable } from "./tables";
import { commitPage, type Lease, writeRowsInOwnTransaction } from "./upsert-batch";

const sql = () => getDb().$client;

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 11, users: 40, groups: 6, apps: 4, logDays: 1 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

function user(id: string, profile: Record<string, unknown> = {}, extra: Partial<Parameters<typeof userRow>[0]> = {}) {
  return userRow({
    id,
    status: "ACTIVE",
    created: "2024-01-01T00:00:00.000Z",
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: "2024-02-01T00:00:00.000Z",
    passwordChanged: null,
    type: { id: "oty1" },
    profile: { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "Zoë", lastName: "Ørsted", ...profile },
    ...extra,
  });
}

async function setup() {
  const ws = await createWorkspace();
  const integration = await insertIntegration(ws.id);
  return { integration, newRun: () => insertRunningRun(ws.id, integration.id) };
}

const usersPage = (lease: Lease, rows: ReturnType<typeof user>[]) =>
  commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }], pages: 1, objects: rows.length });

const storedUser = async (integrationId: string, id: string) => {
  const [r] = await sql()`select * from okta_users where integration_id = ${integrationId} and id = ${id}`;
  return r;
};

/** A deterministic, hardly compressible string of `n` characters drawn from `alphabet`. */
function noise(n: number, alphabet: string, seed = 7) {
  const chars = [...alphabet];
  let s = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += chars[s % chars.length];
  }
  return out;
}

describe("the batch writer", () => {
  it("cleans NUL and lone surrogates out of columns, nested profile values and keys, writes the whole page and names the objects", async () => {
    const { integration, newRun } = await setup();
    const r = await newRun();
    const result = await usersPage(r, [
      user("u1"),
      user("u2", { firstName: "Ad\u0000a", nested: { list: ["x\u0000", { "k\u0000ey": "v" }] }, "odd\u0000key": "\ud800" }),
      user("u3", { lastName: "Lone\udc00" }),
    ]);
    expect(result).toEqual({ added: 3, updated: 0, unchanged: 0, cleaned: ["u2", "u3"], quarantined: [] });
    const u2 = await storedUser(integration.id, "u2");
    expect(u2.first_name).toBe("Ada");
    expect(u2.profile).toEqual({
      login: "u2@example.com",
      email: "u2@example.com",
      firstName: "Ada",
      lastName: "Ørsted",
      nested: { list: ["x", { key: "v" }] },
      oddkey: "\ufffd",
    });
    const u3 = await storedUser(integration.id, "u3");
    expect(u3.last_name).toBe("Lone\ufffd");
    expect(u3.profile.lastName).toBe("Lone\ufffd");
    expect((await storedUser(integration.id, "u1")).first_name).toBe("Zoë");
    // The same objects again are unchanged: cleaning is deterministic, so the content hash is stable.
    await finishRun(r.runId);
    const r2 = await newRun();
    const again = await usersPage(r2, [
      user("u2", { firstName: "Ad\u0000a", nested: { list: ["x\u0000", { "k\u0000ey": "v" }] }, "odd\u0000key": "\ud800" }),
    ]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1, cleaned: ["u2"] });
  });

  it("quarantines an object Postgres refuses, writes the rest of the page, and keeps its stored copy through the sweep", async () => {
    const { integration, newRun } = await setup();
    const r1 = await newRun();
    await usersPage(r1, [user("a1"), user("q1", { title: "Before" })]);
    await finishRun(r1.runId);

    const r2 = await newRun();
    // Year 0 passes a date regex but is no timestamptz (the Okta schema now drops it; here the row is built past it).
    const result = await usersPage(r2, [
      user("a1", { title: "Changed" }),
      user("q1", { title: "After" }, { created: "0000-01-01T00:00:00Z" }),
      user("a2"),
    ]);
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 0, cleaned: [] });
    expect(result.quarantined).toEqual([{ key: "q1", code: "22008", reason: expect.stringMatching(/out of range/) as unknown as string }]);
    const q1 = await storedUser(integration.id, "q1");
    expect({ title: q1.title, seen: q1.seen_run_id, deleted: q1.deleted_at }).toEqual({ title: "Before", seen: r2.runId, deleted: null });
    expect((await storedUser(integration.id, "a1")).title).toBe("Changed");
    expect((await storedUser(integration.id, "a2")).deleted_at).toBeNull();
    expect(await sweep(r2, "users", [usersTable])).toEqual({ deleted: 0, refused: false });
    expect((await storedUser(integration.id, "q1")).deleted_at).toBeNull();
    const [res] =
      await sql()`select pages, objects, added, updated from sync_run_resources where run_id = ${r2.runId} and resource = 'users'`;
    expect(res).toEqual({ pages: 1, objects: 3, added: 1, updated: 1 });
  });

  it("quarantines an object too deeply nested to encode as JSON", async () => {
    const { integration, newRun } = await setup();
    const r = await newRun();
    let deep: unknown = "x";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const result = await usersPage(r, [user("d1"), user("deep", { nested: deep })]);
    expect(result).toMatchObject({ added: 1, quarantined: [{ key: "deep", code: "encode_failed" }] });
    expect(await storedUser(integration.id, "deep")).toBeUndefined();
    expect((await storedUser(integration.id, "d1")).deleted_at).toBeNull();
  });

  it("a sweep leaves rows written after the run started (by an event hook), also revived memberships", async () => {
    const { integration, newRun } = await setup();
    const r1 = await newRun();
    await usersPage(r1, [user("s1"), user("s2")]);
    const member = (g: string, u: string) => ({ group_id: g, user_id: u });
    await commitPage(r1, {
      resource: "memberships",
      writes: [{ spec: membershipsTable, rows: [member("g1", "s1"), member("g1", "s2"), member("g2", "s1")] }],
    });
    await finishRun(r1.runId);
    await sql()`update okta_group_members set deleted_at = now() where integration_id = ${integration.id} and group_id = 'g1' and user_id = 's2'`;

    const r2 = await newRun();
    const hook = { integrationId: integration.id, workspaceId: r2.workspaceId, runId: null };
    // While r2 lists: a hook adds user h1, a new membership, and revives g1/s2.
    await writeRowsInOwnTransaction(hook, { spec: usersTable, rows: [user("h1")] });
    await writeRowsInOwnTransaction(hook, { spec: membershipsTable, rows: [member("g1", "h1"), member("g1", "s2")] });
    await usersPage(r2, [user("s1")]);
    await commitPage(r2, { resource: "memberships", writes: [{ spec: membershipsTable, rows: [member("g1", "s1")] }] });

    expect(await sweep(r2, "users", [usersTable])).toEqual({ deleted: 1, refused: false });
    expect(await sweep(r2, "memberships", [membershipsTable])).toEqual({ deleted: 1, refused: false });
    const live = await sql()`select id from okta_users where integration_id = ${integration.id} and deleted_at is null order by id`;
    expect(live.map((x) => x.id)).toEqual(["h1", "s1"]);
    const members =
      await sql()`select group_id || '/' || user_id as k from okta_group_members where integration_id = ${integration.id} and deleted_at is null order by 1`;
    expect(members.map((x) => x.k)).toEqual(["g1/h1", "g1/s1", "g1/s2"]);
  });
});

// ---- full runs against the emulator ---------------------------------------------------------------

interface Planted {
  users: { id: string; profile: Record<string, unknown> }[];
  groups: { id: string; profile: Record<string, unknown> }[];
  apps: { id: string; label: string }[];
}
const plant = (body: unknown) => emu.control<Planted>("POST", "/objects", body);

/** A new full run of a connected integration, as the "Sync now" button queues it. */
async function fullRun(c: Awaited<ReturnType<typeof connectToEmulator>>) {
  const { run, created } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
  expect(created).toBe(true);
  return run.id;
}

const events = (runId: string, kind: string) =>
  sql()`select message, details from integration_events where run_id = ${runId} and kind = ${kind} order by id`;

describe("full runs over odd values from Okta", () => {
  it("a NUL in a profile field, 10,000-character names and odd unicode: the run succeeds and stores exactly what is expected", async () => {
    await emu.control("POST", "/reset", { seed: 11, users: 40, groups: 6, apps: 4, logDays: 1 });
    const truth = await emu.control<{ users: { id: string }[]; groups: { id: string; type: string }[]; apps: { id: string }[] }>(
      "GET",
      "/truth",
    );
    const [u1, u2] = truth.users;
    const group = truth.groups.find((g) => g.type === "OKTA_GROUP")!;
    const longAscii = noise(10_000, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const longCjk = noise(10_000, "漢字仮名交じり文東京大阪名古屋札幌福岡");
    const rtl = "שָׁלוֹם עוֹלָם مرحبا";
    const combining = "Zoe\u0301 A\u030a Ñ\u0303\u0323";
    const emoji = "👩🏽‍💻 🏳️‍🌈 😀";
    const planted = await plant({
      users: [
        {
          id: u1.id,
          profile: {
            firstName: "Ad\u0000a",
            lastName: rtl,
            displayName: emoji,
            title: combining,
            nickName: "lone \ud800 high",
            department: "R&D\u0000",
            languages: ["en\u0000", "he"],
          },
        },
        { id: u2.id, profile: { firstName: longAscii, displayName: longAscii, lastName: "Short" } },
        // A new user, created as Okta would create one, with exactly this profile.
        {
          profile: {
            login: "zoe.new@example.com",
            email: "zoe.new@example.com",
            firstName: combining,
            lastName: "Ørsted\u0000",
            displayName: `${rtl} ${emoji}`,
          },
        },
      ],
      groups: [{ id: group.id, profile: { name: longCjk, description: "desc\u0000 with NUL" } }],
      apps: [{ id: truth.apps[0].id, label: `${emoji} App\u0000` }],
    });
    const created = planted.users[2];
    // The emulator serves the values verbatim (its truth holds the NUL and the lone surrogate).
    expect(planted.users[0].profile.firstName).toBe("Ad\u0000a");
    expect(planted.users[0].profile.nickName).toBe("lone \ud800 high");

    const c = await connectToEmulator(emu);
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });

    const s1 = await storedUser(c.integrationId, u1.id);
    expect({
      first: s1.first_name,
      last: s1.last_name,
      display: s1.display_name,
      title: s1.title,
      department: s1.department,
    }).toEqual({ first: "Ada", last: rtl, display: emoji, title: combining, department: "R&D" });
    expect(s1.profile).toEqual({
      ...planted.users[0].profile,
      firstName: "Ada",
      nickName: "lone \ufffd high",
      department: "R&D",
      languages: ["en", "he"],
    });

    // A sort-index column keeps 797 bytes and an ellipsis; the full name is in the profile and display name.
    const s2 = await storedUser(c.integrationId, u2.id);
    expect(s2.first_name).toBe(`${longAscii.slice(0, 797)}…`);
    expect(s2.display_name).toBe(longAscii);
    expect(s2.profile.firstName).toBe(longAscii);

    const s3 = await storedUser(c.integrationId, created.id);
    expect({ first: s3.first_name, last: s3.last_name, display: s3.display_name, login: s3.login, deleted: s3.deleted_at }).toEqual({
      first: combining,
      last: "Ørsted",
      display: `${rtl} ${emoji}`,
      login: "zoe.new@example.com",
      deleted: null,
    });

    const [g] =
      await sql()`select name, description, profile from okta_groups where integration_id = ${c.integrationId} and id = ${group.id}`;
    // CJK characters are 3 bytes: 265 of them (795 bytes) and the ellipsis.
    expect(g).toEqual({
      name: `${longCjk.slice(0, 265)}…`,
      description: "desc with NUL",
      profile: { name: longCjk, description: "desc with NUL" },
    });
    const [a] = await sql()`select label from okta_apps where integration_id = ${c.integrationId} and id = ${truth.apps[0].id}`;
    expect(a.label).toBe(`${emoji} App`);

    const cleaned = await events(c.runId, "sync.values_cleaned");
    expect(
      Object.fromEntries(cleaned.map((e) => [e.details.resource, { count: e.details.count, sample: [...e.details.sample].sort() }])),
    ).toEqual({
      users: { count: 2, sample: [u1.id, created.id].sort() },
      groups: { count: 1, sample: [group.id] },
      apps: { count: 1, sample: [truth.apps[0].id] },
    });
    expect(await events(c.runId, "sync.object_quarantined")).toEqual([]);

    // A second full run finds nothing changed: the cleaned values hash the same every time.
    const again = await fullRun(c);
    expect(await runSync(again)).toEqual({ claimed: true, status: "succeeded" });
    const res = await runResources(again);
    expect({ users: res.users.updated, groups: res.groups.updated, apps: res.apps.updated }).toEqual({ users: 0, groups: 0, apps: 0 });
  });

  it("an object Postgres still refuses is quarantined with its id and reason; the run succeeds and the stored copy stays", async () => {
    await emu.control("POST", "/reset", { seed: 12, users: 30, groups: 5, apps: 3, logDays: 1 });
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId, { only: ["users"] })).status).toBe("succeeded");
    const [victim, other] = (await emu.control<{ id: string; profile: { firstName: string } }[]>("GET", "/truth/users")).slice(0, 2);
    const marker = `refused-${crypto.randomUUID()}`;
    await plant({
      users: [
        { id: victim.id, profile: { firstName: marker } },
        { id: other.id, profile: { title: "Changed" } },
      ],
    });
    // A constraint only the planted value breaks stands in for any row-specific refusal of Postgres.
    const constraint = `odd_data_${marker.slice(8, 16)}`;
    await sql().unsafe(`alter table okta_users add constraint "${constraint}" check (first_name is distinct from '${marker}') not valid`);
    try {
      const runId = await fullRun(c);
      expect(await runSync(runId, { only: ["users"] })).toEqual({ claimed: true, status: "succeeded" });
      const q = await events(runId, "sync.object_quarantined");
      expect(q.map((e) => e.details)).toEqual([
        { resource: "users", id: victim.id, code: "23514", reason: expect.stringContaining(constraint), constraint },
      ]);
      expect(q[0].message).toContain(victim.id);
      const kept = await storedUser(c.integrationId, victim.id);
      expect({ first: kept.first_name, deleted: kept.deleted_at, seen: kept.seen_run_id }).toEqual({
        first: victim.profile.firstName,
        deleted: null,
        seen: runId,
      });
      expect((await storedUser(c.integrationId, other.id)).title).toBe("Changed");
      const res = await runResources(runId);
      expect({ status: res.users.status, updated: res.users.updated, deleted: res.users.deleted }).toEqual({
        status: "succeeded",
        updated: 1,
        deleted: 0,
      });
    } finally {
      await sql().unsafe(`alter table okta_users drop constraint if exists "${constraint}"`);
    }
  });

  it("a user created in Okta and delivered by an event hook while a full run lists users survives that run's sweep", async () => {
    await emu.control("POST", "/reset", { seed: 13, users: 30, groups: 5, apps: 3, logDays: 1 });
    const c = await connectToEmulator(emu);
    const { manual } = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin: "http://console.test" },
    });
    let createdId: string | null = null;
    const result = await runSync(c.runId, {
      only: ["users"],
      hooks: {
        // The listing is complete and did not contain the new user; the sweep has not run yet.
        beforeSweep: async (resource) => {
          if (resource !== "users") return;
          const { users } = await plant({
            users: [{ profile: { login: "mid.run@example.com", email: "mid.run@example.com", firstName: "Mid", lastName: "Run" } }],
          });
          createdId = users[0].id;
          const delivery = {
            eventType: "com.okta.event_hook",
            eventTypeVersion: "1.0",
            cloudEventsVersion: "0.1",
            eventId: crypto.randomUUID(),
            data: {
              events: [
                {
                  uuid: crypto.randomUUID(),
                  eventType: "user.lifecycle.create",
                  published: new Date().toISOString(),
                  target: [{ id: createdId, type: "User" }],
                },
              ],
            },
          };
          const res = await callRoute(hookRoute.POST, `/api/hooks/okta/${c.integrationId}`, {
            method: "POST",
            params: { id: c.integrationId },
            body: delivery,
            headers: { authorization: manual!.secret },
          });
          expect(res.status).toBe(204);
          expect(await applyHookEvents(c.integrationId)).toEqual({ applied: 1, failed: 0 });
          const [row] =
            await sql()`select seen_run_id, deleted_at from okta_users where integration_id = ${c.integrationId} and id = ${createdId}`;
          expect(row).toEqual({ seen_run_id: null, deleted_at: null });
        },
      },
    });
    expect(result).toEqual({ claimed: true, status: "succeeded" });
    expect(createdId).not.toBeNull();
    const after = await storedUser(c.integrationId, createdId!);
    expect({ status: after.status, login: after.login, deleted: after.deleted_at }).toEqual({
      status: "ACTIVE",
      login: "mid.run@example.com",
      deleted: null,
    });
    // Everyone else Okta has is stored too, and nothing was deleted.
    const truthIds = (await emu.control<{ id: string }[]>("GET", "/truth/users")).map((u) => u.id).sort();
    const live = await sql()`select id from okta_users where integration_id = ${c.integrationId} and deleted_at is null order by id`;
    expect(live.map((r) => r.id).sort()).toEqual(truthIds);
    expect((await runResources(c.runId)).users.deleted).toBe(0);
  });
});
