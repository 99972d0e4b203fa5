// The postgres.js patch (patches/postgres+3.4.9.patch) must be in every copy of the driver that
// Node or a bundler may load: without it a Postgres restart can end the process or leave a pooled
// connection that never sends again (docs/benchmarks/faults.md), and without TCP_NODELAY every COPY
// of the batch writer stalls on a delayed ACK, and a COPY that Postgres refuses never settles.
// Fails when `npm ci` skipped it.
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
