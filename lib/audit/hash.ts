// The audit log's hash chain. Each entry's hash is sha256(prev_hash || "\n" || canonical JSON of its
// fields); the first entry of a workspace links to GENESIS. Canonical JSON: object keys sorted at every
// depth, no whitespace, undefined left out, so the same entry hashes the same whether it is a JS object
// about to be written or a row read back from Postgres (jsonb keeps neither key order nor spacing).
import { createHash } from "node:crypto";

export const GENESIS = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  return JSON.stringify(value);
}

/** The fields an entry's hash covers: everything but the hash itself. */
export interface HashedFields {
  seq: number;
  workspaceId: string;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  kind: string | null;
  requestId: string | null;
  integrationId: string | null;
  target: unknown;
  detail: unknown;
}

export function entryHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    seq: e.seq,
    workspaceId: e.workspaceId,
    at: e.at.toISOString(),
    actorUserId: e.actorUserId,
    actorLabel: e.actorLabel,
    action: e.action,
    kind: e.kind,
    requestId: e.requestId,
    integrationId: e.integrationId,
    target: e.target ?? null,
    detail: e.detail ?? null,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
