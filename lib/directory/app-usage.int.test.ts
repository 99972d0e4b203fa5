// App usage and last sign-ins through a real sync of the emulated org: okta_app_usage holds, per
// person and app, the newest successful SSO event in the org's System Log (computed here from the
// emulator's own log, not from what the sync stored), and every person's lastLogin agrees with the
// stored System Log (a successful sign-in at exactly that time, none after it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stopBoss } from "@/lib/jobs/boss";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 11, users: 120, groups: 10, apps: 8, logDays: 20 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

interface TruthEvent {
  uuid: string;
  eventType: string;
  published: string;
  outcome?: { result?: string };
  actor?: { id?: string };
  target?: { id: string; type: string }[];
}

describe("app usage from a synced System Log", () => {
  it("is the newest successful app sign-in per person and app, and lastLogin agrees with the log", async () => {
    const c = await connectToEmulator(emu);
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
    const sql = getDb().$client;

    const log = await emu.control<TruthEvent[]>("GET", "/truth/logs");
    const expected = new Map<string, string>();
    for (const e of log) {
      const app = e.target?.find((x) => x.type === "AppInstance");
      if (e.eventType !== "user.authentication.sso" || e.outcome?.result !== "SUCCESS" || !app || !e.actor?.id) continue;
      const key = `${e.actor.id}/${app.id}`;
      if (!expected.has(key) || expected.get(key)! < e.published) expected.set(key, e.published);
    }
    expect(expected.size).toBeGreaterThan(10);
    const rows = await sql`select user_id, app_id, last_used_at from okta_app_usage where integration_id = ${c.integrationId}`;
    const stored = new Map(rows.map((r) => [`${r.user_id}/${r.app_id}`, new Date(r.last_used_at).toISOString()]));
    expect(stored).toEqual(new Map([...expected].map(([k, v]) => [k, new Date(v).toISOString()])));

    // lastLogin: a successful sign-in at exactly that time when it is inside the synced window, and none later.
    const people = await sql`
      select u.id, u.last_login, max(e.published) filter (where e.outcome_result = 'SUCCESS') as newest
      from okta_users u left join okta_log_events e
        on e.integration_id = u.integration_id and e.actor_id = u.id and e.event_type = 'user.session.start'
      where u.integration_id = ${c.integrationId} group by u.id, u.last_login`;
    const oldest = log[0].published;
    let checked = 0;
    for (const p of people) {
      const last = p.last_login ? new Date(p.last_login).toISOString() : null;
      const newest = p.newest ? new Date(p.newest).toISOString() : null;
      if (last && last >= new Date(oldest).toISOString()) {
        expect(newest, p.id).toBe(last);
        checked++;
      } else expect(newest, p.id).toBeNull();
    }
    expect(checked).toBeGreaterThan(20);
  });
});
