// The product start's build reuse: which files make a rebuild necessary, and when a build in the
// directory is reused. The builder here writes what `next build` leaves behind (a BUILD_ID); the real
// build is exercised by scripts/smoke-start.sh (first start builds, second start reuses).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildInputs, checkBuild, ensureProductionBuild, STAMP_FILE, sourceHash } from "./production-build";

let root: string;
let distDir: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "osc-build-test-"));
  distDir = path.join(root, ".next");
  write("package.json", "{}");
  write("package-lock.json", '{"lockfileVersion":3}');
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts"] }));
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/verb.ts", "export const x = 1;");
  write("README.md", "# readme");
  write("playwright.config.ts", "config");
  write("e2e/a.spec.ts", "test");
  write("lib/verb.test.ts", "test");
  write(".data/pg/file", "data");
  write("node_modules/x/index.js", "module");
  write(".next/server/app.js", "built");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("sourceHash", () => {
  it("covers the app's sources and the lockfile, not docs, tests, data, dependencies or build output", () => {
    expect(buildInputs(root)).toEqual(["app/page.tsx", "lib/verb.ts", "package-lock.json", "package.json", "tsconfig.json"]);
  });

  it("changes when a source file, the lockfile or a compiler option changes", () => {
    const edits: [string, string][] = [
      ["lib/verb.ts", "export const x = 2;"],
      ["package-lock.json", '{"lockfileVersion":3,"packages":{}}'],
      ["tsconfig.json", JSON.stringify({ compilerOptions: { strict: false }, include: ["**/*.ts"] })],
      ["components/new.tsx", "export {}"],
    ];
    for (const [rel, text] of edits) {
      const before = sourceHash(root);
      write(rel, text);
      expect(sourceHash(root), rel).not.toBe(before);
    }
  });

  it("stays the same when only docs, tests, data, build output or tsconfig's include (which next build extends) change", () => {
    const before = sourceHash(root);
    write("README.md", "# changed");
    write("playwright.config.ts", "changed");
    write("e2e/a.spec.ts", "changed");
    write("lib/verb.test.ts", "changed");
    write(".data/pg/file", "changed");
    write(".next/server/app.js", "changed");
    write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts", ".next-x/types/**/*.ts"] }));
    expect(sourceHash(root)).toBe(before);
  });
});

describe("ensureProductionBuild", () => {
  let builds = 0;
  // What next build leaves in the directory that matters here: a new BUILD_ID each time.
  const build = async () => {
    builds++;
    fs.mkdirSync(distDir, { recursive: true });
    fs.writeFileSync(path.join(distDir, "BUILD_ID"), `build-${builds}`);
  };
  const ensure = (b = build) => ensureProductionBuild({ root, distDir, build: b });
  beforeEach(() => {
    builds = 0;
  });

  it("builds once, then reuses the build until the code changes", async () => {
    expect(await ensure()).toMatchObject({ built: true });
    expect(await ensure()).toMatchObject({ built: false });
    expect(builds).toBe(1);
    write("app/page.tsx", "export default function Page() { return 1; }");
    expect(checkBuild(distDir, sourceHash(root))).toEqual({ reuse: false, reason: "the code changed since it was built" });
    expect(await ensure()).toMatchObject({ built: true });
    expect(await ensure()).toMatchObject({ built: false });
    expect(builds).toBe(2);
  });

  it("rebuilds when another build replaced the one it stamped (npm test builds into the same directory)", async () => {
    await ensure();
    fs.writeFileSync(path.join(distDir, "BUILD_ID"), "someone-elses-build");
    expect(checkBuild(distDir, sourceHash(root))).toEqual({ reuse: false, reason: "another build has replaced it" });
    expect(await ensure()).toMatchObject({ built: true });
    expect(builds).toBe(2);
  });

  it("never reuses a build that failed or was stopped: the old stamp is gone before building", async () => {
    await ensure();
    write("lib/verb.ts", "export const x = 3;");
    await expect(ensure(() => Promise.reject(new Error("next build exited with 1")))).rejects.toThrow("exited with 1");
    expect(fs.existsSync(path.join(distDir, STAMP_FILE))).toBe(false);
    // The old BUILD_ID is still there, but without a stamp it is not trusted.
    expect(checkBuild(distDir, sourceHash(root))).toMatchObject({ reuse: false });
    expect(await ensure()).toMatchObject({ built: true });
    expect(builds).toBe(2);
  });

  it("does not stamp a build as current when the code changed while it built", async () => {
    await ensure(async () => {
      await build();
      write("lib/verb.ts", "export const x = 4;");
    });
    expect(await ensure()).toMatchObject({ built: true });
    expect(builds).toBe(2);
  });
});
