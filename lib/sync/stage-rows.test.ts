// The COPY text the batch writer sends: what each value becomes, and what makes a page look for
// values to clean. Postgres reading it back is proved by the writer's integration tests.
import { describe, expect, it } from "vitest";
import { copyMayNeedCleaning, copyText, stageColumns, viaCopy } from "./stage-rows";
import { appUsersTable, logEventsTable, membershipsTable, type TableSpec, usersTable } from "./tables";

const spec: TableSpec = {
  table: "t",
  key: ["id"],
  hashed: true,
  columns: { id: "text", n: "integer", x: "double precision", ok: "boolean", at: "timestamptz", doc: "jsonb" },
};

describe("copyText", () => {
  it("writes one line per row, fields in column order, the content hash and the row's place last", () => {
    const text = copyText(spec, [{ id: "a", n: 1, x: 1.5, ok: true, at: "2024-01-01T00:00:00.000Z", doc: { k: [1, "v"] } }], ["h1"]);
    expect(text).toBe('a\t1\t1.5\tt\t2024-01-01T00:00:00.000Z\t{"k":[1,"v"]}\th1\t0\n');
    expect(stageColumns(spec)).toEqual(["id", "n", "x", "ok", "at", "doc", "content_hash", "osc_ord"]);
  });

  it("writes null, undefined and numbers Postgres cannot read as \\N, false as f", () => {
    expect(copyText(spec, [{ id: "a", n: null, x: Number.NaN, ok: false, at: undefined, doc: null }], null)).toBe(
      "a\t\\N\t\\N\tf\t\\N\t\\N\t0\n",
    );
  });

  it("escapes backslash, tab, newline and carriage return in text, and only backslashes in JSON", () => {
    const text = copyText(spec, [{ id: "a\\b\tc\nd\re", n: 1, x: 0, ok: true, at: null, doc: { s: 'q"\\\n' } }], null);
    expect(text).toBe('a\\\\b\\tc\\nd\\re\t1\t0\tt\t\\N\t{"s":"q\\\\"\\\\\\\\\\\\n"}\t0\n');
    // A value that looks like COPY's null marker is text, not null.
    expect(copyText(spec, [{ id: "\\N", n: 1, x: 0, ok: true, at: null, doc: "\\N" }], null)).toBe('\\\\N\t1\t0\tt\t\\N\t"\\\\\\\\N"\t0\n');
  });
});

describe("copyMayNeedCleaning", () => {
  const text = (v: unknown, doc: unknown = null) => copyText(spec, [{ id: v, n: 1, x: 0, ok: true, at: null, doc }], null);
  it("finds a NUL or a lone surrogate in text, and their escapes in JSON", () => {
    expect(copyMayNeedCleaning(text("plain ü ✓ 😀"))).toBe(false);
    expect(copyMayNeedCleaning(text("a\u0000b"))).toBe(true);
    expect(copyMayNeedCleaning(text("a\ud800b"))).toBe(true);
    expect(copyMayNeedCleaning(text("a", { s: "x\u0000" }))).toBe(true);
    expect(copyMayNeedCleaning(text("a", { s: "x\udfff" }))).toBe(true);
    expect(copyMayNeedCleaning(text("a", { s: "😀" }))).toBe(false);
  });
});

describe("viaCopy", () => {
  it("sends tables with jsonb columns by COPY and narrow ones as JSON", () => {
    expect([usersTable, logEventsTable].map((t) => viaCopy(t as TableSpec))).toEqual([true, true]);
    expect([membershipsTable, appUsersTable].map((t) => viaCopy(t as TableSpec))).toEqual([false, false]);
  });
});
