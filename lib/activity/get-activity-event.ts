// One synced System Log event of the workspace, with everything kept of it: the list's columns, the
// client and place read from Okta's event, and the event itself (raw) through the log's redaction.
// System Log events carry no secrets; the redaction is the second line of defence all the same.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { oktaLogEvents as e, integrations, oktaApps, oktaGroups, oktaUsers } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { redact } from "@/lib/redact";
import type { ActivityEvent, ActivityTarget } from "./contracts";
import { itemColumns, toItem } from "./to-item";

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export async function getActivityEvent({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { id: string; integrationId?: string };
}): Promise<ActivityEvent> {
  // By (workspace_id, uuid); the same org connected twice holds the same event twice, so the
  // integration picks one, and without it the answer is the same every time.
  const [row] = await ctx.db
    .select({
      ...itemColumns,
      lat: e.lat,
      lon: e.lon,
      userAgent: e.userAgent,
      raw: e.raw,
      integrationName: integrations.name,
    })
    .from(e)
    .innerJoin(integrations, eq(integrations.id, e.integrationId))
    .where(
      and(
        eq(e.workspaceId, ctx.workspaceId),
        eq(e.uuid, input.id),
        input.integrationId ? eq(e.integrationId, input.integrationId) : undefined,
      ),
    )
    .orderBy(asc(e.integrationId))
    .limit(1);
  if (!row) throw notFound("Event");
  const item = toItem(row);
  const known = await inDirectory(ctx, row.integrationId, [{ ...item.actor, alternateId: null }, ...item.targets]);
  const raw = row.raw && typeof row.raw === "object" && !Array.isArray(row.raw) ? (redact(row.raw) as Record<string, unknown>) : null;
  const client = obj(raw?.client);
  const userAgent = obj(client.userAgent);
  const geo = obj(client.geographicalContext);
  const geolocation = obj(geo.geolocation);
  return {
    ...item,
    actor: { ...item.actor, inDirectory: known(item.actor) },
    targets: item.targets.map((t) => ({ ...t, inDirectory: known(t) })),
    integration: { id: row.integrationId, name: row.integrationName },
    client: {
      ipAddress: row.clientIp,
      userAgent: row.userAgent ?? str(userAgent.rawUserAgent),
      os: str(userAgent.os),
      browser: str(userAgent.browser),
      device: str(client.device),
      zone: str(client.zone) === "null" ? null : str(client.zone),
    },
    place: {
      city: row.city,
      state: row.state,
      country: row.country,
      postalCode: str(geo.postalCode),
      lat: row.lat ?? num(geolocation.lat),
      lon: row.lon ?? num(geolocation.lon),
    },
    raw,
  };
}

const KIND = { User: "users", AppUser: "users", UserGroup: "groups", AppInstance: "apps" } as const;
const TABLES = { users: oktaUsers, groups: oktaGroups, apps: oktaApps };

/** Which of these people, groups and apps the integration's synced directory holds now (not deleted). */
async function inDirectory(ctx: WorkspaceCtx, integrationId: string, refs: Pick<ActivityTarget, "id" | "type">[]) {
  const wanted = { users: new Set<string>(), groups: new Set<string>(), apps: new Set<string>() };
  for (const r of refs) {
    const kind = r.type && KIND[r.type as keyof typeof KIND];
    if (kind && r.id) wanted[kind].add(r.id);
  }
  const found = new Set<string>();
  await Promise.all(
    (Object.keys(wanted) as (keyof typeof wanted)[]).map(async (kind) => {
      if (wanted[kind].size === 0) return;
      const t = TABLES[kind];
      const rows = await ctx.db
        .select({ id: t.id })
        .from(t)
        .where(
          and(
            eq(t.workspaceId, ctx.workspaceId),
            eq(t.integrationId, integrationId),
            inArray(t.id, [...wanted[kind]]),
            isNull(t.deletedAt),
          ),
        );
      for (const r of rows) found.add(`${kind}:${r.id}`);
    }),
  );
  return (r: Pick<ActivityTarget, "id" | "type">) => {
    const kind = r.type && KIND[r.type as keyof typeof KIND];
    return !!(kind && r.id && found.has(`${kind}:${r.id}`));
  };
}
