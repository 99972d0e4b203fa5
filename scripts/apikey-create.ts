// npm run apikey:create -- --email ana@example.com [--name "CI"]
// Creates an API key acting as that user (with their role). The key alone goes to stdout, once, so
// scripts can capture it: KEY=$(npm run -s apikey:create -- --email ana@example.com)
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { CliError, parseCliArgs, runCli, withDatabase } from "./cli-db";

const USAGE = "npm run apikey:create -- --email <email> [--name <key name>]";

runCli(async () => {
  const { emailSchema } = await import("@/lib/users/schemas");
  const { createApiKeyInput } = await import("@/lib/api-keys/schemas");
  const args = parseCliArgs(
    { email: { type: "string" }, name: { type: "string" } },
    z.strictObject({ email: emailSchema, name: createApiKeyInput.shape.name.default("Command line") }),
    USAGE,
  );
  await withDatabase(async () => {
    const { getDb } = await import("@/db");
    const { users } = await import("@/db/schema");
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const { systemCtx } = await import("@/lib/context");
    const [user] = await getDb()
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, args.email))
      .limit(1);
    if (!user) throw new CliError(`No console user with the email ${args.email}. Create one with npm run user:create.`);
    const { key, apiKey } = await createApiKey({ ctx: systemCtx(user.workspaceId), input: { userId: user.id, name: args.name } });
    console.error(
      `Created API key "${apiKey.name}" (${apiKey.prefix}…) acting as ${user.email} (${user.role}). It is shown once; store it now.`,
    );
    console.log(key);
  });
});
