// A worker survives pg-boss failing to record a job's end while Postgres is unreachable, and only that:
// each case runs in a child process, where pg-boss's own Manager.complete / Manager.fail are called
// un-awaited against a port nothing listens on (connection refused), exactly as pg-boss's watch loop
// calls them. No database is involved.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLostJobCompletion } from "./lost-job-completion";

const guard = path.resolve(import.meta.dirname, "lost-job-completion.ts");

/** Runs `body` in a child (with pg-boss's Manager `m` on a refused port); prints "alive" if it got through. */
function child(body: string, install: boolean) {
  const code = `
    import { createRequire } from "node:module";
    const require = createRequire(${JSON.stringify(path.join(process.cwd(), "package.json"))});
    const Db = require("pg-boss/src/db.js");
    const Manager = require("pg-boss/src/manager.js");
    ${install ? `(await import(${JSON.stringify(guard)})).surviveLostJobCompletions();` : ""}
    const db = new Db({ connectionString: "postgres://postgres@127.0.0.1:1/none", max: 1 });
    db.on("error", () => {});
    await db.open();
    const m = new Manager(db, { schema: "pgboss" });
    const id = ["00000000-0000-0000-0000-000000000000"];
    ${body}
    await new Promise((r) => setTimeout(r, 300));
    console.log("alive");
    await db.close();
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
    timeout: 30_000,
  });
}

describe("a worker and pg-boss's un-awaited job completion", () => {
  it("without the handler, a completion that cannot reach Postgres ends the process (the failure being fixed)", () => {
    const r = child(`void m.complete("sync-run", id);`, false);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain("alive");
    expect(r.stderr).toContain("ECONNREFUSED");
  });

  it("with it, the process logs the lost completion (and a lost fail) and keeps running", () => {
    const r = child(`void m.complete("sync-run", id); void m.fail("sync-run", id, new Error("x"));`, true);
    expect(r.stdout).toContain("alive");
    expect(r.status).toBe(0);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("pg-boss could not record a job's end"));
    expect(warnings).toHaveLength(2);
  });

  it("any other unhandled rejection still ends the process", () => {
    const r = child(`void Promise.reject(new Error("a bug of ours"));`, true);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain("alive");
    expect(r.stderr).toContain("a bug of ours");
  });

  it("recognises only pg-boss's completion writes", () => {
    const pgBossStack = (fn: string) =>
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
        stack: `Error: connect ECONNREFUSED 127.0.0.1:5432\n    at async Db.executeSql (/app/node_modules/pg-boss/src/db.js:42:14)\n    at async Manager.${fn} (/app/node_modules/pg-boss/src/manager.js:485:20)`,
      });
    expect(isLostJobCompletion(pgBossStack("complete"))).toBe(true);
    expect(isLostJobCompletion(pgBossStack("fail"))).toBe(true);
    expect(isLostJobCompletion(pgBossStack("fetch"))).toBe(false);
    expect(isLostJobCompletion(new Error("Manager.complete failed"))).toBe(false);
    expect(isLostJobCompletion("Manager.complete (node_modules/pg-boss/src/manager.js)")).toBe(false);
  });
});
