// Runs once when the Next server starts: stamp each request with its socket address (the sign-in
// throttle's client address), apply migrations, seed the first admin, start sync workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/auth/socket-address-stamp")).installSocketAddressStamp();
  const { startServer } = await import("@/lib/server/start");
  await startServer();
}
