// bench:hooks's console side that Okta calls: the event hook route (app/api/hooks/okta/[id]) served
// over real HTTP in a process of its own, as the hook integration tests serve it (test/hook-server.ts).
// Prints one JSON line with its origin when it listens.
import { startHookServer } from "@/test/hook-server";

const server = await startHookServer();
console.log(JSON.stringify({ origin: server.origin }));
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
