// How the batch writer sends a page of a table with jsonb columns (users, groups, the System Log) to
// Postgres: COPY (text format) into a temporary staging table of the target's column types, which the
// writer's one statement then reads (upsert-batch.ts). COPY's input is parsed by each column type's
// own input function, once; a JSON parameter is parsed as JSON first and every jsonb value in it a
// second time (a fifth of the System Log's write cost, docs/benchmarks/write-path.md).
//
// Narrow tables (memberships, assignments, roles) keep the JSON parameter: for them COPY saves no
// parsing, and a transaction that touches a temporary table pays for emptying every `on commit delete
// rows` table of its session at commit (~0.4 ms): a 190-row membership page would lose more than it gains.
//
// One staging table per target table and connection, created on first use (`on commit delete rows`:
// emptied at every commit without touching the catalog) and emptied again before each page, since
// a transaction may stage several parts of a page (savepoints, upsert-batch.ts). Its rows stay
// inline up to a full page (toast_tuple_target): a System Log event is neither compressed nor
// moved out of line on its way through.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TransactionSql } from "postgres";
import { mayNeedCleaning } from "./clean-values";
import type { TableSpec } from "./tables";

type Row = Record<string, unknown>;

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

const isJson = (t: string) => t === "jsonb" || t === "json";
/** Whether the writer sends `spec`'s pages by COPY (it has json or jsonb columns). */
export const viaCopy = (spec: TableSpec) => Object.values(spec.columns).some(isJson);

/** The staging table of `spec` (in the session's own temporary schema). */
export const stageTable = (spec: TableSpec) => `pg_temp.${q(`osc_stage_${spec.table}`)}`;

/**
 * The staging table's columns in COPY order: the spec's columns, the content hash if any, and the
 * row's place in the page (`osc_ord`: the statement's join need not keep the page's order, and the
 * change log is written in it).
 */
export const stageColumns = (spec: TableSpec) => [...Object.keys(spec.columns), ...(spec.hashed ? ["content_hash"] : []), "osc_ord"];

const ddl = new Map<string, string>();
function prepareSql(spec: TableSpec): string {
  let text = ddl.get(spec.table);
  if (!text) {
    const cols = [
      ...Object.entries(spec.columns).map(([c, t]) => `${q(c)} ${t}`),
      ...(spec.hashed ? ["content_hash text"] : []),
      "osc_ord int",
    ];
    text = `create temp table if not exists ${q(`osc_stage_${spec.table}`)} (${cols.join(", ")})
      with (toast_tuple_target = 8160) on commit delete rows;
      delete from ${stageTable(spec)}`;
    ddl.set(spec.table, text);
  }
  return text;
}

// COPY's text format escapes backslash, tab, newline and carriage return. JSON text (jsonb values)
// never holds the last three raw, so it needs only its backslashes doubled.
const SPECIAL = /[\\\t\n\r]/;
const escapeText = (s: string) =>
  SPECIAL.test(s) ? s.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r") : s;
const escapeJson = (s: string) => (s.includes("\\") ? s.replaceAll("\\", "\\\\") : s);

type Encode = (v: unknown) => string;
const NULL = "\\N";
const asJson: Encode = (v) => (v === null || v === undefined ? NULL : escapeJson(JSON.stringify(v)));
const asText: Encode = (v) => {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "string") return escapeText(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : NULL;
  return escapeText(typeof v === "object" ? JSON.stringify(v) : String(v));
};

/** The rows as COPY text, with each row's content hash when the table has one, and its place in the page. */
export function copyText(spec: TableSpec, rows: Row[], hashes: string[] | null): string {
  const names = Object.keys(spec.columns);
  const encoders = names.map((c) => (isJson(spec.columns[c]) ? asJson : asText));
  const n = names.length;
  let out = "";
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out += encoders[0](r[names[0]]);
    for (let j = 1; j < n; j++) out += `\t${encoders[j](r[names[j]])}`;
    out += hashes ? `\t${hashes[i]}\t${i}\n` : `\t${i}\n`;
  }
  return out;
}

/**
 * True when the COPY text may hold what Postgres cannot store: a NUL or a lone surrogate in a text
 * value (raw), or their escapes inside a jsonb value's JSON (mayNeedCleaning).
 */
export const copyMayNeedCleaning = (text: string) => text.includes("\u0000") || !text.isWellFormed() || mayNeedCleaning(text);

/** Empties the staging table (creating it on first use) and copies `text` into it. */
export async function stageRows(tx: TransactionSql, spec: TableSpec, text: string): Promise<void> {
  await tx.unsafe(prepareSql(spec)).simple();
  const into = await tx.unsafe(`copy ${stageTable(spec)} (${stageColumns(spec).map(q).join(", ")}) from stdin`).writable();
  await pipeline(Readable.from([Buffer.from(text)]), into);
}
