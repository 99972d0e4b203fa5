// Shared by the command-line tools (user:create, apikey:create): argument parsing with zod, the
// database (DATABASE_URL, or the dev command's embedded Postgres in .data/pg), migrations, and
// error reporting that names the problem instead of printing a stack.
import fs from "node:fs";
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type ZodType, z } from "zod";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

export class CliError extends Error {}

/** Parses argv with node:util and validates the values with `schema`; errors name the flag. */
export function parseCliArgs<T>(options: ParseArgsConfig["options"], schema: ZodType<T>, usage: string): T {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\nUsage: ${usage}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".") || "?"}: ${i.message}`);
    throw new CliError(`Invalid arguments:\n${lines.join("\n")}\n\nUsage: ${usage}`);
  }
  return parsed.data;
}

/** Connects to the console database (starting the embedded one if needed), migrates, runs `fn`, cleans up. */
export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const root = process.cwd();
  if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  let pg: EmbeddedHandle | undefined;
  if (!process.env.DATABASE_URL) {
    const dir = path.resolve(root, process.env.DATA_DIR ?? ".data", "pg");
    pg = await startEmbeddedPostgres({ dir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), persistent: true });
    process.env.DATABASE_URL = pg.url;
  }
  const { closeDb } = await import("@/db");
  try {
    await migrateDatabase(process.env.DATABASE_URL);
    return await fn();
  } finally {
    await closeDb();
    await pg?.stop();
  }
}

/** Runs a CLI main, printing known errors as one clear message and exiting non-zero. */
export function runCli(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    async (err) => {
      const { AppError } = await import("@/lib/errors");
      if (err instanceof CliError || err instanceof AppError) console.error(`Error: ${err.message}`);
      else if (err instanceof z.ZodError) console.error(`Error: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      else console.error(err);
      process.exit(1);
    },
  );
}
