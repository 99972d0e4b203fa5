// The driver patches must be in every copy that Node or a bundler may load. postgres.js
// (patches/postgres+3.4.9.patch): without it a Postgres restart can end the process or leave a pooled
// connection that never sends again (docs/benchmarks/faults.md), without TCP_NODELAY every COPY of the
// batch writer stalls on a delayed ACK, and a COPY that Postgres refuses never settles. drizzle's
// postgres-js driver: below. Fails when `npm ci` skipped them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../node_modules/postgres");

describe("postgres.js driver patch", () => {
  it.each(["src", "cjs/src", "cf/src"])("%s/connection.js guards a deferred write on a closed socket and resets the timer", (dir) => {
    const source = fs.readFileSync(path.join(root, dir, "connection.js"), "utf8");
    expect(source).toMatch(/function nextWrite\(fn\) \{\n\s+if \(!socket\) \{\n\s+chunk = nextWriteTimer = null/);
    expect(source.match(/clearImmediate\(nextWriteTimer\)\n\s+nextWriteTimer = chunk = null/g)).toHaveLength(2);
  });

  // The Node copies only (cf/ runs on Cloudflare's sockets): a COPY's CopyDone, written after its
  // data, would otherwise wait for the server's delayed ACK, 40 ms per page (lib/sync/stage-rows.ts).
  it.each(["src", "cjs/src"])("%s/connection.js turns Nagle's algorithm off on its sockets, as libpq does", (dir) => {
    const source = fs.readFileSync(path.join(root, dir, "connection.js"), "utf8");
    expect(source).toMatch(/: new net\.Socket\(\)\n(\s+\/\/.*\n)*\s+x\.setNoDelay && x\.setNoDelay\(true\)/);
  });

  it.each(["src", "cjs/src", "cf/src"])("%s/connection.js hands an error after a COPY's data to its pending final callback", (dir) => {
    const source = fs.readFileSync(path.join(root, dir, "connection.js"), "utf8");
    expect(source).toMatch(
      /function errored\(err\) \{\n\s+stream && \(stream\.destroy\(err\), stream = null\)\n(\s+\/\/.*\n)*\s+final && \(final\(err\), final = null\)/,
    );
  });

  it("is the version the patch was written for", () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version).toBe("3.4.9");
  });
});

// drizzle's postgres-js driver (patches/drizzle-orm+0.45.4.patch) prepares every query it sends, so a
// page's queries are parsed once per connection and bound in one round trip (db/prepared-statements.int.test.ts).
describe("drizzle's postgres-js driver patch", () => {
  const drizzleRoot = path.resolve(__dirname, "../node_modules/drizzle-orm");
  it.each(["session.js", "session.cjs"])("postgres-js/%s prepares every query", (file) => {
    const source = fs.readFileSync(path.join(drizzleRoot, "postgres-js", file), "utf8");
    expect(source.match(/prepare: true/g)).toHaveLength(3);
    expect(source).not.toMatch(/prepare: this\.prepare/);
  });

  it("is the version the patch was written for", () => {
    expect(JSON.parse(fs.readFileSync(path.join(drizzleRoot, "package.json"), "utf8")).version).toBe("0.45.4");
  });
});
