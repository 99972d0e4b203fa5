// Runs once when the Next server starts: apply migrations, seed the first admin, start sync workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/server/start");
  await startServer();
}
