// The audit log against a real Postgres: the hash chain verifies, a row changed or removed by SQL (the
// trigger bypassed as a superuser could) is reported at the first broken link, the trigger refuses
// UPDATE, DELETE and TRUNCATE, concurrent appends keep one chain per workspace, the trail of a
// removed workspace may be purged, and the list filters, pages and CSV export through the routes.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/audit/route";
import { GET as verifyRoute } from "@/app/api/audit/verify/route";
import { GET as csvRoute } from "@/app/api/audit.csv/route";
import { getDb } from "@/db";
import { actionRequests, actionTargets, workspaces } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { insertIntegration } from "@/test/sync-fixtures";
import { type AuditEntryInput, appendAudit } from "./append-audit";
import { GENESIS } from "./hash";
import { verifyAuditChain } from "./verify-audit-chain";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers read field by field
type Obj = Record<string, any>;

const pg = () => getDb().$client;
const verify = (workspaceId: string) => verifyAuditChain({ ctx: systemCtx(workspaceId) });

const entry = (i: number, extra: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  action: "request.created",
  actorUserId: null,
  actorLabel: "system",
  kind: "user.suspend",
  target: { userId: `00u${i}`, label: `person${i}@example.com` },
  detail: { i, nested: { b: [1, "two", null], a: true }, at: new Date("2026-01-02T03:04:05.678Z") },
  ...extra,
});

async function seqsOf(workspaceId: string): Promise<number[]> {
  return (await pg()`select seq from audit_log where workspace_id = ${workspaceId} order by seq`).map((r) => Number(r.seq));
}

/** Runs SQL with user triggers off for this transaction, as a superuser tampering with the table could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe("the hash chain", () => {
  it("links every entry to the one before and verifies", async () => {
    const { ws } = await createTenant();
    expect(await verify(ws.id)).toEqual({ ok: true, entries: 0, head: null });
    await appendAudit(getDb(), ws.id, [entry(1), entry(2)]);
    await appendAudit(getDb(), ws.id, [entry(3)]);
    const rows = await pg()`select seq, prev_hash, hash from audit_log where workspace_id = ${ws.id} order by seq`;
    expect(rows[0].prev_hash).toBe(GENESIS);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(await verify(ws.id)).toEqual({ ok: true, entries: 3, head: { seq: Number(rows[2].seq), hash: rows[2].hash } });
  });

  it("reports the entry whose contents were changed by SQL", async () => {
    const { ws } = await createTenant();
    await appendAudit(
      getDb(),
      ws.id,
      [1, 2, 3, 4, 5].map((i) => entry(i)),
    );
    const seqs = await seqsOf(ws.id);
    await tamper(sql`update audit_log set detail = jsonb_set(detail, '{i}', '99') where seq = ${seqs[2]}`);
    const r = await verify(ws.id);
    expect(r).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: seqs[2] }, head: null });
    expect(r.firstBroken?.reason).toMatch(/hash does not match its contents/);
  });

  it("reports a changed actor or time too, not only the JSON", async () => {
    const { ws } = await createTenant();
    await appendAudit(getDb(), ws.id, [entry(1), entry(2)]);
    const seqs = await seqsOf(ws.id);
    await tamper(sql`update audit_log set at = at - interval '1 day' where seq = ${seqs[1]}`);
    expect((await verify(ws.id)).firstBroken?.seq).toBe(seqs[1]);
  });

  it("reports the entry after one removed by SQL, and an entry whose hash was recomputed to hide a change", async () => {
    const { ws } = await createTenant();
    await appendAudit(
      getDb(),
      ws.id,
      [1, 2, 3, 4].map((i) => entry(i)),
    );
    const seqs = await seqsOf(ws.id);
    await tamper(sql`delete from audit_log where seq = ${seqs[1]}`);
    const r = await verify(ws.id);
    expect(r.firstBroken?.seq).toBe(seqs[2]);
    expect(r.firstBroken?.reason).toMatch(new RegExp(`prev_hash does not match the hash of entry ${seqs[0]}`));

    // Rewriting a row and its own hash breaks the link to the next one.
    const { ws: ws2 } = await createTenant();
    await appendAudit(
      getDb(),
      ws2.id,
      [1, 2, 3].map((i) => entry(i)),
    );
    const s2 = await seqsOf(ws2.id);
    await tamper(sql`update audit_log set hash = repeat('a', 64) where seq = ${s2[0]}`);
    expect((await verify(ws2.id)).firstBroken?.seq).toBe(s2[0]);
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE of the audit log", async () => {
    const { ws } = await createTenant();
    await appendAudit(getDb(), ws.id, [entry(1)]);
    const [seq] = await seqsOf(ws.id);
    await expect(pg()`update audit_log set action = 'request.denied' where seq = ${seq}`).rejects.toThrow(
      /audit_log is append-only: UPDATE refused/,
    );
    await expect(pg()`delete from audit_log where seq = ${seq}`).rejects.toThrow(/audit_log is append-only: DELETE refused/);
    await expect(pg()`truncate audit_log`).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/);
    expect(await seqsOf(ws.id)).toEqual([seq]);
    expect((await verify(ws.id)).ok).toBe(true);
  });

  it("concurrent appends in two workspaces keep one unforked chain each", async () => {
    const a = (await createTenant()).ws.id;
    const b = (await createTenant()).ws.id;
    const jobs = Array.from({ length: 40 }, (_, i) =>
      appendAudit(getDb(), i % 2 ? a : b, i % 5 === 0 ? [entry(i), entry(i + 1000)] : [entry(i)]),
    );
    await Promise.all(jobs);
    for (const ws of [a, b]) {
      const rows = await pg()`select prev_hash from audit_log where workspace_id = ${ws}`;
      expect(new Set(rows.map((r) => r.prev_hash)).size, "no two entries follow the same one").toBe(rows.length);
      const r = await verify(ws);
      expect(r.ok).toBe(true);
      expect(r.entries).toBe(rows.length);
    }
    expect((await verify(a)).entries + (await verify(b)).entries).toBe(40 + 8);
  });

  it("appends roll back with the transaction they belong to", async () => {
    const { ws } = await createTenant();
    await expect(
      getDb().transaction(async (tx) => {
        await appendAudit(tx, ws.id, [entry(1)]);
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    await appendAudit(getDb(), ws.id, [entry(2)]);
    expect(await verify(ws.id)).toMatchObject({ ok: true, entries: 1 });
  });

  it("a removed workspace's trail may be purged; a living one's may not", async () => {
    const gone = (await createTenant()).ws.id;
    const living = (await createTenant()).ws.id;
    await appendAudit(getDb(), gone, [entry(1)]);
    await appendAudit(getDb(), living, [entry(1)]);
    await getDb().delete(workspaces).where(sql`${workspaces.id} = ${gone}`);
    expect(await seqsOf(gone)).toHaveLength(1); // no cascade: the trail outlives the workspace
    await pg()`delete from audit_log where workspace_id = ${gone}`;
    expect(await seqsOf(gone)).toEqual([]);
    await expect(pg()`delete from audit_log where workspace_id = ${living}`).rejects.toThrow(/append-only/);
  });
});

describe("the API", () => {
  async function seed() {
    const t = await createTenant();
    const integration = await insertIntegration(t.ws.id);
    // A batch request holding two people: its request-level entries name no target of their own.
    const [req] = await getDb()
      .insert(actionRequests)
      .values({
        workspaceId: t.ws.id,
        integrationId: integration.id,
        kind: "user.deactivate",
        status: "succeeded",
        requestedBy: t.admin.id,
        requestedByLabel: t.admin.email,
        reason: "x",
      })
      .returning();
    await getDb()
      .insert(actionTargets)
      .values([
        { requestId: req.id, seq: 0, userId: "00uBATCH1", label: "b1" },
        { requestId: req.id, seq: 1, userId: "00uBATCH2", label: "b2" },
      ]);
    const base = { requestId: req.id, integrationId: integration.id, kind: "user.deactivate" as const };
    await appendAudit(getDb(), t.ws.id, [
      { ...base, action: "request.created", actorUserId: t.admin.id, actorLabel: t.admin.email, target: { count: 2 } },
      { ...base, action: "request.approved", actorUserId: t.viewer.id, actorLabel: t.viewer.email },
      {
        ...base,
        action: "action.succeeded",
        actorUserId: null,
        actorLabel: "system",
        target: { seq: 0, userId: "00uBATCH1" },
        detail: { status: "succeeded" },
      },
      {
        ...base,
        action: "action.failed",
        actorUserId: null,
        actorLabel: "system",
        target: { seq: 1, userId: "00uBATCH2", label: '=HYPERLINK("x")' },
        detail: { status: "failed", errorCode: "E0000001", errorId: "oae123" },
      },
      {
        action: "request.created",
        actorUserId: t.admin.id,
        actorLabel: t.admin.email,
        kind: "group.add_member",
        target: { groupId: "00gOTHER", userId: "00uOTHER" },
      },
    ]);
    return { ...t, req };
  }

  const list = async (key: string, query = "") => {
    const res = await callRoute(listRoute, `/api/audit${query}`, { key });
    return { status: res.status, body: (await res.json()) as Obj };
  };

  it("filters by actor, target, kind, action, outcome, request and time, newest first, in keyset pages", async () => {
    const s = await seed();
    const all = await list(s.viewerKey);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: Obj) => i.action)).toEqual([
      "request.created",
      "action.failed",
      "action.succeeded",
      "request.approved",
      "request.created",
    ]);
    expect(all.body.items[1]).toMatchObject({ kind: "user.deactivate", requestId: s.req.id, detail: { errorCode: "E0000001" } });

    const actions = async (q: string) => (await list(s.viewerKey, q)).body.items.map((i: Obj) => i.action);
    expect(await actions(`?actor=${s.viewer.id}`)).toEqual(["request.approved"]);
    expect(await actions("?actor=SYST")).toEqual(["action.failed", "action.succeeded"]);
    // A person of the batch: their own entry and the request-level entries of the request that holds them.
    expect(await actions("?target=00uBATCH2")).toEqual(["action.failed", "action.succeeded", "request.approved", "request.created"]);
    expect(await actions("?target=00gOTHER")).toEqual(["request.created"]);
    expect(await actions("?kind=group.add_member")).toEqual(["request.created"]);
    expect(await actions("?action=request.approved")).toEqual(["request.approved"]);
    expect(await actions("?outcome=failed")).toEqual(["action.failed"]);
    expect(await actions(`?requestId=${s.req.id}&outcome=succeeded`)).toEqual(["action.succeeded"]);
    expect(await actions(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect((await actions(`?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length).toBe(5);

    const paged: Obj[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Obj } = await list(s.viewerKey, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged.map((i) => i.seq)).toEqual(all.body.items.map((i: Obj) => i.seq));

    for (const q of ["?outcome=great", "?kind=user.fly", "?from=0000-01-01", "?cursor=%%%", `?target=${"x".repeat(65)}`]) {
      expect((await list(s.viewerKey, q)).status, q).toBe(400);
    }
    // Another workspace sees none of it.
    const other = await createTenant();
    expect((await list(other.adminKey, `?requestId=${s.req.id}`)).body.items).toEqual([]);
  });

  it("exports the filtered entries as CSV with their hashes, formula-safe", async () => {
    const s = await seed();
    const res = await callRoute(csvRoute, `/api/audit.csv?requestId=${s.req.id}`, { key: s.viewerKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "seq,at,actor,actor_user_id,action,kind,request_id,integration_id,target_label,target_user_id,target_group_id,target_app_id,status,error_code,error_id,detail,prev_hash,hash",
    );
    expect(lines).toHaveLength(1 + 4);
    const failed = lines.find((l) => l.includes("action.failed"))!;
    expect(failed).toContain(`"'=HYPERLINK(""x"")"`);
    expect(failed).toContain(",failed,E0000001,oae123,");
  });

  it("verify answers { ok, entries, head } and then the first broken link", async () => {
    const s = await seed();
    const call = async () => (await callRoute(verifyRoute, "/api/audit/verify", { key: s.viewerKey })).json() as Promise<Obj>;
    const ok = await call();
    expect(ok).toMatchObject({ ok: true, entries: 5 });
    expect(ok.head.hash).toMatch(/^[0-9a-f]{64}$/);
    const seqs = await seqsOf(s.ws.id);
    await tamper(sql`update audit_log set actor_label = 'someone else' where seq = ${seqs[1]}`);
    const broken = await call();
    expect(broken).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: seqs[1] } });
    expect((await callRoute(verifyRoute, "/api/audit/verify?x=1", { key: s.viewerKey })).status).toBe(400);
    expect((await callRoute(verifyRoute, "/api/audit/verify", {})).status).toBe(401);
  });

  it("ids that are not the caller's show nothing of another workspace", async () => {
    const s = await seed();
    const stranger = await createTenant();
    const res = await list(stranger.viewerKey, `?actor=${s.admin.id}`);
    expect(res.body.items).toEqual([]);
    expect((await list(stranger.viewerKey, `?integrationId=${randomUUID()}`)).body.items).toEqual([]);
  });
});
