// The postgres.js patch (patches/postgres+3.4.9.patch) must be in every copy of the driver that
// Node or a bundler may load: without it a Postgres restart can end the process or leave a pooled
// connection that never sends again (docs/benchmarks/faults.md). Fails when `npm ci` skipped it.
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

  it("is the version the patch was written for", () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version).toBe("3.4.9");
  });
});
