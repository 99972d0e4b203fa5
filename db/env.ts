// The database's own view of the environment: only DATABASE_URL, zod-checked. It sits below lib/ so
// nothing in db/ imports lib/ (lib/env.ts reuses this schema and check).
import { z } from "zod";

export const databaseUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
  .optional();

/** DATABASE_URL, read on every call (tests switch databases by changing process.env). */
export function requireDatabaseUrl(): string {
  const parsed = databaseUrlSchema.safeParse(process.env.DATABASE_URL);
  if (!parsed.success) throw new Error(`Invalid environment:\n  DATABASE_URL: ${parsed.error.issues[0]?.message}`);
  if (!parsed.data)
    throw new Error(
      "DATABASE_URL is not set. Start the console with `npm run dev`, which provides an embedded Postgres, or set DATABASE_URL.",
    );
  return parsed.data;
}
