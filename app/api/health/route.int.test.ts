// GET /api/health through the route handler: 200 while Postgres answers; 503 saying the database is
// unreachable when it does not (down, a database that does not exist, no DATABASE_URL), and never the
// connection string, its password or the driver's error in the answer.
import { afterEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { callRoute } from "@/test/call-route";
import { GET } from "./route";

const realUrl = process.env.DATABASE_URL;

// Each case points the process at a broken database; the next one (and the next file) gets the real one back.
afterEach(async () => {
  await closeDb();
  if (realUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = realUrl;
});

async function health() {
  const res = await callRoute(GET, "/api/health");
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** A port on this machine with nothing listening. */
async function closedPort() {
  const net = await import("node:net");
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as import("node:net").AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("GET /api/health", () => {
  it("answers 200 ok with the database's latency while Postgres answers", async () => {
    const r = await health();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok", database: { status: "ok", latencyMs: expect.any(Number) } });
  });

  it.each([
    ["Postgres is down", async () => `postgres://console:hunter2-s3cret@127.0.0.1:${await closedPort()}/console`],
    ["the database does not exist", async () => `${realUrl!.replace(/\/[^/?]*(\?|$)/, "/osc_no_such_database$1")}`],
  ])("answers 503 degraded, database unreachable, when %s, without the URL or the error", async (_, url) => {
    const broken = await url();
    await closeDb();
    process.env.DATABASE_URL = broken;
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: "degraded", database: { status: "unreachable", latencyMs: expect.any(Number) } });
    for (const secret of [broken, "hunter2", "osc_no_such_database", "ECONNREFUSED", "does not exist", "127.0.0.1"])
      expect(r.text).not.toContain(secret);
  });

  it("answers 503 degraded when no database is configured at all", async () => {
    await closeDb();
    delete process.env.DATABASE_URL;
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: "degraded", database: { status: "unreachable", latencyMs: expect.any(Number) } });
    expect(r.text).not.toContain("DATABASE_URL");
  });

  it("recovers once the database is back", async () => {
    process.env.DATABASE_URL = `postgres://console:pw@127.0.0.1:${await closedPort()}/console`;
    expect((await health()).status).toBe(503);
    await closeDb();
    process.env.DATABASE_URL = realUrl;
    expect((await health()).body.status).toBe("ok");
  });
});
