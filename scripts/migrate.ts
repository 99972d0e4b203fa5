import { migrateDatabase } from "@/db/migrate";
import { requireDatabaseUrl } from "@/lib/env";

await migrateDatabase(requireDatabaseUrl());
console.log("Migrations applied.");
