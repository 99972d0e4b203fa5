// Preloaded by bench:hooks and bench:console --cpu-prof DIR (NODE_OPTIONS=--require …; node 20 refuses
// --cpu-prof there): profiles the emulator, hook route, worker and `next start` processes with the inspector and writes
// DIR/<name>-<pid>.cpuprofile on SIGTERM (or exit). Other processes
// (npm, npx, tsx's launcher) are left alone.
const fs = require("node:fs");
const path = require("node:path");
const inspector = require("node:inspector");

const dir = process.env.BENCH_CPU_PROF_DIR;
const name = ["emulator/cli.ts", "hook-server-child.ts", "scripts/worker.ts", "next/dist/bin/next", ".bin/next"].find((s) =>
  process.argv.some((a) => a.endsWith(s)),
);
if (dir && name) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `${path.basename(name, ".ts")}-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  };
  // Written on SIGTERM already: a process may take longer to close than the bench waits.
  process.on("SIGTERM", write);
  process.on("exit", write);
}
