// GET/PATCH /api/workspace through the route handlers against real Postgres: anyone in the workspace
// reads it, only an admin renames it, the name is validated and trimmed, and nothing crosses workspaces.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { GET, PATCH } from "./route";

const read = (key: string | null) => callRoute(GET, "/api/workspace", { key });
const rename = (key: string | null, body: unknown) => callRoute(PATCH, "/api/workspace", { key, method: "PATCH", body });
const stored = async (id: string) => (await getDb().select().from(workspaces).where(eq(workspaces.id, id)))[0];

describe("GET /api/workspace", () => {
  it("answers the caller's own workspace to a viewer and an admin, and 401 to nobody", async () => {
    const a = await createTenant();
    const b = await createTenant();
    for (const key of [a.viewerKey, a.adminKey]) {
      const res = await read(key);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: a.ws.id, name: a.ws.name, createdAt: a.ws.createdAt.toISOString() });
    }
    expect((await (await read(b.viewerKey)).json()).id).toBe(b.ws.id);
    const anonymous = await read(null);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");
  });
});

describe("PATCH /api/workspace", () => {
  it("renames the admin's workspace (trimmed), which every reader then sees, and no other workspace", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const res = await rename(a.adminKey, { name: "  Acme Corp  " });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: a.ws.id, name: "Acme Corp", createdAt: a.ws.createdAt.toISOString() });
    expect((await stored(a.ws.id)).name).toBe("Acme Corp");
    expect((await (await read(a.viewerKey)).json()).name).toBe("Acme Corp");
    expect((await stored(b.ws.id)).name).toBe(b.ws.name);
    // A name of exactly 80 characters is the longest allowed.
    expect((await rename(a.adminKey, { name: "n".repeat(80) })).status).toBe(200);
    expect((await stored(a.ws.id)).name).toBe("n".repeat(80));
  });

  it("refuses a viewer (403) and an anonymous caller (401) and keeps the name", async () => {
    const t = await createTenant();
    const viewer = await rename(t.viewerKey, { name: "Taken over" });
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.code).toBe("FORBIDDEN");
    expect((await rename(null, { name: "Taken over" })).status).toBe(401);
    expect((await stored(t.ws.id)).name).toBe(t.ws.name);
  });

  it.each([
    ["an empty name", { name: "" }, /name: Enter a workspace name/],
    ["a blank name", { name: "   " }, /name: Enter a workspace name/],
    ["a name over 80 characters", { name: "n".repeat(81) }, /name: Name must be at most 80 characters/],
    ["a name of the wrong type", { name: 42 }, /name:/],
    ["no name", {}, /name:/],
    ["an unknown field", { name: "Acme", id: "00000000-0000-4000-8000-000000000000" }, /id|Unrecognized/i],
    ["malformed JSON", '{"name":', /not valid JSON/],
  ])("answers 400 naming the problem for %s, and keeps the name", async (_, body, message) => {
    const t = await createTenant();
    const res = await rename(t.adminKey, body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(message);
    expect((await stored(t.ws.id)).name).toBe(t.ws.name);
  });
});
