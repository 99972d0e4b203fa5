// The ground truth (test/ground-truth.ts) compares every column the product stores: each directory
// table's data columns in the drizzle schema are exactly the columns its independent mapping writes,
// so a column added to a table fails here until the comparison maps it too.
import { getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { TRUTH_TABLES } from "./ground-truth";

// Bookkeeping every directory table carries, not data from Okta.
const BOOKKEEPING = new Set(["workspace_id", "integration_id", "content_hash", "seen_run_id", "first_seen_at", "updated_at", "deleted_at"]);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe("the ground truth's columns", () => {
  it.each(Object.values(TRUTH_TABLES).map((t) => [t.table, t] as const))("%s: every stored data column, and only those", (name, spec) => {
    const table = Object.values(schema).find(
      (t) => typeof t === "object" && t !== null && "getSQL" in t && getTableName(t as never) === name,
    );
    expect(table, `no table ${name} in the schema`).toBeDefined();
    const columns = Object.entries(getTableColumns(table as never) as Record<string, { generated?: unknown }>)
      // Generated columns (okta_users.search_text) are Postgres' own, computed from the others.
      .filter(([, c]) => !c.generated)
      .map(([key]) => snake(key))
      .filter((c) => !BOOKKEEPING.has(c))
      .sort();
    expect(Object.keys(spec.columns).sort()).toEqual(columns);
    for (const k of spec.key) expect(Object.keys(spec.columns)).toContain(k);
  });
});
