// The people CSV export at scale, over real HTTP: a node:http server hands each request to the route
// handler of GET /api/directory/users.csv (app/api/directory/users.csv/route.ts, the same function Next
// calls) and pipes its streamed body to the socket; curl, in its own process, downloads it with a
// viewer's API key. Prints rows/s, curl's time to the first byte, this (server) process's peak RSS
// growth over the export, and the rate second by second (flat = streaming, not buffering).
//   npm run bench:export -- --reuse postgres://…/osc_bench_dir_…   (a database kept by bench/directory.ts --keep)
//   npm run bench:export -- --users 100000                         (seeds a throw-away database first)
// Options: --query "status=ACTIVE&sort=lastLogin" (the export's filters), --port 4320, --runs 1.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
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
      // The client is curl in its own process, so this process's CPU and memory are the server's alone.
      const out = path.join(os.tmpdir(), `osc-bench-export-${process.pid}.csv`);
      const curl = spawn("curl", [
        "-sS",
        "-o",
        out,
        "-H",
        `authorization: Bearer ${key}`,
        "-w",
        "%{http_code} %{time_starttransfer} %{time_total} %{size_download}",
        `http://127.0.0.1:${port}/api/directory/users.csv${args.query ? `?${args.query}` : ""}`,
      ]);
      let written = "";
      curl.stdout.on("data", (d) => {
        written += d;
      });
      // Rows written so far, second by second (the file grows as curl receives), to show a steady rate.
      const rates: number[] = [];
      let lastSize = 0;
      const rateTimer = setInterval(() => {
        const size = fs.existsSync(out) ? fs.statSync(out).size : 0;
        rates.push(size - lastSize);
        lastSize = size;
      }, 1000);
      await new Promise<void>((resolve, reject) => {
        curl.on("error", reject);
        curl.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}`))));
      });
      clearInterval(sampler);
      clearInterval(rateTimer);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      const [status, firstByte, total, size] = written.trim().split(" ");
      if (status !== "200") throw new Error(`HTTP ${status}: ${fs.readFileSync(out, "utf8").slice(0, 300)}`);
      // Data rows: lines after the header (the fixture's values hold no line breaks).
      const text = fs.readFileSync(out);
      let lines = 0;
      for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) lines++;
      const firstRowAt = text.indexOf(10) + 1;
      fs.rmSync(out);
      const rows = lines - 1;
      const seconds = Number(total);
      const bytesPerRow = Number(size) / Math.max(rows, 1);
      console.log(
        `run ${run}: ${rows.toLocaleString()} rows, ${(Number(size) / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString()} rows/s; ` +
          `first byte ${(Number(firstByte) * 1000).toFixed(0)} ms; server RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak +${((rssPeak - rssBefore) / 1e6).toFixed(0)} MB`,
      );
      if (firstRowAt <= 0) console.log("  no data row");
      if (rows !== big.n && !args.query) console.log(`  MISMATCH: expected ${big.n} rows`);
      console.log(`  rows/s, second by second (thousands): ${rates.map((b) => (b / bytesPerRow / 1000).toFixed(0)).join(" ")}`);
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
