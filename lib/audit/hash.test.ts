// The audit hash chain's canonical JSON and entry hash: the same entry hashes the same whatever the
// key order (jsonb does not keep it), and any field change changes the hash.
import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS, type HashedFields } from "./hash";

const fields: HashedFields = {
  seq: 7,
  workspaceId: "3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f",
  at: new Date("2026-03-04T05:06:07.089Z"),
  actorUserId: null,
  actorLabel: "system",
  action: "action.succeeded",
  kind: "user.suspend",
  requestId: null,
  integrationId: null,
  target: { userId: "00u1", label: "jane@example.com" },
  detail: { status: 200, stateAfter: { user: { status: "SUSPENDED", profile: { b: 1, a: [1, { y: 2, x: 1 }] } } } },
};

describe("canonicalJson", () => {
  it("sorts keys at every depth, leaves undefined out and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: "é" } })).toBe(
      '{"a":{"c":"é","d":[3,{"x":null,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, new Date(0)])).toBe('[null,"1970-01-01T00:00:00.000Z"]');
  });

  it("is the same for the same value written in another key order", () => {
    expect(canonicalJson({ x: { b: 2, a: 1 }, y: [1] })).toBe(canonicalJson({ y: [1], x: { a: 1, b: 2 } }));
  });
});

describe("entryHash", () => {
  it("is a sha256 hex of the link and the fields, stable across key order", () => {
    const h = entryHash(GENESIS, fields);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { stateAfter: { user: { profile: { a: [1, { x: 1, y: 2 }], b: 1 }, status: "SUSPENDED" } }, status: 200 };
    expect(entryHash(GENESIS, { ...fields, detail: reordered })).toBe(h);
  });

  it("changes with the previous link and with every field", () => {
    const h = entryHash(GENESIS, fields);
    expect(entryHash("a".repeat(64), fields)).not.toBe(h);
    const changes: Partial<HashedFields>[] = [
      { seq: 8 },
      { workspaceId: "4f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f" },
      { at: new Date(fields.at.getTime() + 1) },
      { actorUserId: "3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f" },
      { actorLabel: "someone" },
      { action: "action.failed" },
      { kind: "user.unsuspend" },
      { requestId: "3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f" },
      { integrationId: "3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f" },
      { target: { userId: "00u2", label: "jane@example.com" } },
      { detail: { status: 201 } },
    ];
    for (const c of changes) expect(entryHash(GENESIS, { ...fields, ...c }), JSON.stringify(c)).not.toBe(h);
  });
});
