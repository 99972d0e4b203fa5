// The scope editor's search against a synced emulator org: `q` filters on the server by name or id,
// `kind` + `cursor` walk one list a page at a time in name order (together: every group, once),
// `ids` names chosen ones, and a cursor that did not come from the list is a 400 naming it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as scopeOptionsRoute } from "@/app/api/integrations/[id]/scope-options/route";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import type { ScopeOptions } from "./contracts";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 31, users: 120, groups: 23, apps: 9, logDays: 2 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

describe("scope options search", () => {
  it("searches, pages and names groups and apps on the server", async () => {
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const truth = await emu.control<{ groups: { id: string; profile: { name: string } }[]; apps: { id: string; label: string }[] }>(
      "GET",
      "/truth",
    );
    const get = async (query: string) => {
      const res = await callRoute(scopeOptionsRoute, `/api/integrations/${c.integrationId}/scope-options${query}`, {
        key: c.tenant.viewerKey,
        params: { id: c.integrationId },
      });
      return { status: res.status, body: (await res.json()) as ScopeOptions & { error?: { message: string } } };
    };
    const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

    // Pages of 5 through the groups: every group once, in name order, and then no cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await get(`?kind=groups&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      expect(body.groups.length).toBeLessThanOrEqual(5);
      expect(body.apps).toEqual([]);
      expect(body.userTypes).toEqual([]);
      seen.push(...body.groups.map((g) => g.name));
      cursor = body.nextCursor.groups;
    } while (cursor);
    expect(seen).toEqual(truth.groups.map((g) => g.profile.name).sort(byName));

    // A search: only the names containing it (any case), and an exact id finds its group.
    const some = truth.groups[3].profile.name;
    const needle = some.slice(1, 4).toUpperCase();
    const found = await get(`?kind=groups&q=${encodeURIComponent(needle)}`);
    expect(found.body.groups.map((g) => g.name).sort(byName)).toEqual(
      truth.groups
        .map((g) => g.profile.name)
        .filter((n) => n.toLowerCase().includes(needle.toLowerCase()))
        .sort(byName),
    );
    expect(found.body.groups.map((g) => g.name)).toContain(some);
    expect((await get(`?kind=apps&q=${truth.apps[0].id}`)).body.apps.map((a) => a.id)).toEqual([truth.apps[0].id]);
    // A % in the search is a literal character: no group name holds one.
    expect(truth.groups.filter((g) => g.profile.name.includes("%"))).toEqual([]);
    expect((await get("?kind=groups&q=%25")).body.groups).toEqual([]);

    // Chosen ids come back named, whatever the page; the base answer also carries the user types.
    const chosen = [truth.groups[20].id, truth.apps[8].id];
    const named = await get(`?ids=${chosen.join(",")}`);
    expect(named.body.groups.map((g) => g.id)).toEqual([truth.groups[20].id]);
    expect(named.body.apps.map((a) => a.id)).toEqual([truth.apps[8].id]);
    const users = await emu.control<{ profile: { userType?: string } }[]>("GET", "/truth/users");
    expect(named.body.userTypes.map((x) => x.value).sort()).toEqual([...new Set(users.map((u) => u.profile.userType))].sort());

    const bad = await get("?kind=groups&cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/cursor/);
    expect((await get("?cursor=abc")).status).toBe(400);
    expect((await get("?ids=00g1,bad id")).status).toBe(400);
  });
});
