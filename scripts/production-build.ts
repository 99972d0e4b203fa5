// The product start's build, made once and reused until the code changes: a content hash of the
// source tree (package-lock.json included) is stored beside the build with the build's id, and the
// next start rebuilds only when the hash differs or the build in that directory is another one
// (`npm test` builds into the same directory; a build that was interrupted left no stamp).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The stamp file inside the build directory. */
export const STAMP_FILE = "osc-build-stamp.json";

interface Stamp {
  hash: string;
  buildId: string;
  builtAt: string;
}

// What never goes into the served app: dependencies and build output, local data, documentation,
// tests, benchmarks, CI and the start scripts, the emulator (a separate process), other tools'
// configuration, and dot-files.
const SKIP_DIRS = new Set([
  "node_modules",
  "coverage",
  "test-results",
  "playwright-report",
  "tmp",
  "docs",
  "e2e",
  "test",
  "bench",
  "scripts",
  "emulator",
]);
const SKIP_ROOT_FILES = new Set(["biome.json", "drizzle.config.ts", "playwright.config.ts", "vitest.config.ts"]);
const skipFile = (name: string) =>
  name.startsWith(".") || name.endsWith(".md") || name.endsWith(".tsbuildinfo") || name === "next-env.d.ts" || /\.test\.tsx?$/.test(name);

/** Every file of `root` that can change what the build serves, as sorted relative paths. */
export function buildInputs(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // Dot-directories (.git, .next*, .data, .ci) hold no source of the app.
        if (!entry.name.startsWith(".") && !(rel === "" && SKIP_DIRS.has(entry.name))) walk(child);
      } else if (entry.isFile() && !skipFile(entry.name) && !(rel === "" && SKIP_ROOT_FILES.has(entry.name))) {
        out.push(child);
      }
    }
  };
  walk("");
  return out.sort();
}

/**
 * What of a file counts: its bytes, except tsconfig.json's `include`, which `next build` itself
 * extends with the build directory's type folders (NEXT_DIST_DIR) while it builds.
 */
function content(root: string, rel: string): Buffer {
  const bytes = fs.readFileSync(path.join(root, rel));
  if (rel !== "tsconfig.json") return bytes;
  try {
    const { include: _, ...rest } = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    return Buffer.from(JSON.stringify(rest));
  } catch {
    return bytes;
  }
}

/** A SHA-256 over the build's inputs: each file's path and content. */
export function sourceHash(root: string): string {
  const h = createHash("sha256");
  for (const rel of buildInputs(root)) {
    h.update(`${rel}\0`);
    h.update(content(root, rel));
    h.update("\0");
  }
  return h.digest("hex");
}

function readStamp(distDir: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(distDir, STAMP_FILE), "utf8")) as Partial<Stamp>;
    return typeof stamp.hash === "string" && typeof stamp.buildId === "string" ? (stamp as Stamp) : undefined;
  } catch {
    return undefined;
  }
}

function readBuildId(distDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export type BuildDecision = { reuse: true; builtAt: string } | { reuse: false; reason: string };

/** Whether the build in `distDir` is the one `hash` would produce. */
export function checkBuild(distDir: string, hash: string): BuildDecision {
  const stamp = readStamp(distDir);
  const buildId = readBuildId(distDir);
  if (!buildId) return { reuse: false, reason: "no production build yet" };
  if (!stamp) return { reuse: false, reason: "the build there was not made by this command (or was interrupted)" };
  if (stamp.buildId !== buildId) return { reuse: false, reason: "another build has replaced it" };
  if (stamp.hash !== hash) return { reuse: false, reason: "the code changed since it was built" };
  return { reuse: true, builtAt: stamp.builtAt };
}

/**
 * Makes sure `distDir` holds a production build of the tree at `root`: reuses it when its stamp says
 * it was built from the same content, else runs `build` (which must produce `distDir`) and stamps it.
 * The stamp is removed before a build starts, so a build that fails or is stopped is never reused.
 */
export async function ensureProductionBuild(opts: {
  root: string;
  distDir: string;
  build: () => Promise<void>;
  log?: (line: string) => void;
}): Promise<{ built: boolean; hash: string }> {
  const log = opts.log ?? (() => {});
  const hash = sourceHash(opts.root);
  const decision = checkBuild(opts.distDir, hash);
  if (decision.reuse) {
    log(`• Production build: reused (built ${decision.builtAt}; the code has not changed since)`);
    return { built: false, hash };
  }
  log(`• Production build: building (${decision.reason}); this takes a few minutes, and later starts reuse it`);
  fs.rmSync(path.join(opts.distDir, STAMP_FILE), { force: true });
  await opts.build();
  const buildId = readBuildId(opts.distDir);
  if (!buildId) throw new Error(`the build finished but ${path.join(opts.distDir, "BUILD_ID")} is missing`);
  // The tree is hashed again: an edit made while it built must not be stamped as built.
  const stamp: Stamp = { hash: sourceHash(opts.root) === hash ? hash : "changed-during-build", buildId, builtAt: new Date().toISOString() };
  fs.writeFileSync(path.join(opts.distDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return { built: true, hash };
}
