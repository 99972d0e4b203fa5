// The people CSV export at scale, over real HTTP: a node:http server hands each request to the route
// handler of GET /api/directory/users.csv (app/api/directory/users.csv/route.ts, the same function Next
// calls) and pipes its streamed body to the socket; a fetch() with a viewer's API key reads it. Prints
// rows/s, time to the first byte and to the first data row, and the process's peak RSS growth over
// the export (server and client share this process, so it is an upper bound for the server).
//   npm run bench:export -- --reuse postgres://…/osc_bench_dir_…   (a database kept by bench/directory.ts --keep)
//   npm run bench:export -- --users 100000                         (seeds a throw-away database first)
// Options: --query "status=ACTIVE&sort=lastLogin" (the export's filters), --port 4320, --runs 1.
import http from "node:http";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { benchDatabase } from "./throwaway-db";

const { values: args } = parseArgs({
  options: {
    reuse: { type: "string" },
    users: { type: "string", default: "100000" },
    query: { type: "string", default: "" },
    port: { type: "string", default: "4320" },
    runs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});

async function main() {
  const db = await benchDatabase({ prefix: "osc_bench_export", reuse: args.reuse, keep: args.keep });
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    const { getDb, closeDb } = await import("@/db");
    const { sql } = await import("drizzle-orm");
    const { createApiKey, createUser } = await import("@/test/factories");
    if (!args.reuse) {
      const users = Number(args.users);
      console.log(`Seeding ${users.toLocaleString()} people…`);
      if (users >= 200_000) {
        const { seedDirectorySql } = await import("./directory-seed");
        await seedDirectorySql({ users, groups: 2000, apps: 20, seed: 1, signInsPerUser: 4, signInUsers: 20000 });
      } else {
        const { seedDirectory } = await import("@/test/directory-fixtures");
        await seedDirectory({ users, groups: 2000, apps: 20, seed: 1, signInsPerUser: 4, signInUsers: 20000 });
      }
      await getDb().execute(sql`vacuum analyze`);
    }
    const [big] = (await getDb().execute(
      sql`select workspace_id, count(*)::int n from okta_users where deleted_at is null group by 1 order by 2 desc limit 1`,
    )) as unknown as { workspace_id: string; n: number }[];
    const viewer = await createUser(big.workspace_id, "viewer");
    const key = await createApiKey(big.workspace_id, viewer.id);
    const { GET } = await import("@/app/api/directory/users.csv/route");

    // The route handler behind a plain HTTP server, as Next's server runs it.
    const server = http.createServer(async (req, res) => {
      try {
        const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), {
          method: req.method,
          headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])) as [string, string][],
        });
        const response = await GET(request, { params: Promise.resolve({}) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return res.end();
        const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
        res.on("close", () => body.destroy());
        body.pipe(res);
      } catch (err) {
        console.error(err);
        res.writeHead(500).end();
      }
    });
    const port = Number(args.port);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

    console.log(`people in the workspace: ${big.n.toLocaleString()}; GET /api/directory/users.csv${args.query ? `?${args.query}` : ""}`);
    for (let run = 1; run <= Number(args.runs); run++) {
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 50);
      const start = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/directory/users.csv${args.query ? `?${args.query}` : ""}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (res.status !== 200 || !res.body) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      let firstByte: number | undefined;
      let firstRow: number | undefined;
      let bytes = 0;
      let lines = 0;
      // Rows counted by CRLF outside quotes (a quoted cell may hold a line break).
      let quoted = false;
      const rowsAt: [number, number][] = [];
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        firstByte ??= performance.now() - start;
        bytes += chunk.length;
        for (const b of chunk) {
          if (b === 34) quoted = !quoted;
          else if (b === 10 && !quoted) lines++;
        }
        if (lines > 1) firstRow ??= performance.now() - start;
        if (rowsAt.length === 0 || performance.now() - start - rowsAt.at(-1)![0] >= 1000) rowsAt.push([performance.now() - start, lines]);
      }
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      const rows = lines - 1;
      console.log(
        `run ${run}: ${rows.toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString()} rows/s; ` +
          `first byte ${firstByte?.toFixed(0)} ms, first row ${firstRow?.toFixed(0)} ms; RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak +${((rssPeak - rssBefore) / 1e6).toFixed(0)} MB`,
      );
      if (rows !== big.n && !args.query) console.log(`  MISMATCH: expected ${big.n} rows`);
      // Rows per second over the export, second by second, to show it does not slow down as it goes.
      const rates = rowsAt.slice(1).map(([t, n], i) => Math.round((n - rowsAt[i][1]) / ((t - rowsAt[i][0]) / 1000)));
      console.log(`  rows/s per second: ${rates.map((r) => (r / 1000).toFixed(0)).join(" ")} (thousands)`);
    }
    server.close();
    await closeDb();
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
