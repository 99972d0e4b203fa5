// A stored log event as the Activity list shows it (the columns it reads, never the raw JSON).
import { oktaLogEvents as e } from "@/db/schema";
import type { ActivityItem, ActivityTarget } from "./contracts";
import { describeEvent } from "./event-types";

export const itemColumns = {
  uuid: e.uuid,
  integrationId: e.integrationId,
  published: e.published,
  eventType: e.eventType,
  displayMessage: e.displayMessage,
  severity: e.severity,
  outcomeResult: e.outcomeResult,
  outcomeReason: e.outcomeReason,
  actorId: e.actorId,
  actorType: e.actorType,
  actorAlternateId: e.actorAlternateId,
  actorDisplayName: e.actorDisplayName,
  targets: e.targets,
  targetAppId: e.targetAppId,
  targetAppName: e.targetAppName,
  clientIp: e.clientIp,
  city: e.city,
  state: e.state,
  country: e.country,
};

type Row = Pick<typeof e.$inferSelect, keyof typeof itemColumns>;

const str = (v: unknown) => (typeof v === "string" ? v : null);

/** The stored targets, whatever shape the jsonb holds (the four fields, each a string or null). */
export function storedTargets(v: unknown): ActivityTarget[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((t): t is Record<string, unknown> => !!t && typeof t === "object")
    .map((t) => ({ id: str(t.id), type: str(t.type), alternateId: str(t.alternateId), displayName: str(t.displayName) }));
}

export function toItem(r: Row): ActivityItem {
  const actor = { id: r.actorId, login: r.actorAlternateId, displayName: r.actorDisplayName, type: r.actorType };
  const targets = storedTargets(r.targets);
  const { action, summary } = describeEvent({ eventType: r.eventType, displayMessage: r.displayMessage, actor, targets });
  return {
    id: r.uuid,
    integrationId: r.integrationId,
    published: r.published,
    eventType: r.eventType,
    action,
    summary,
    displayMessage: r.displayMessage,
    severity: r.severity,
    outcome: r.outcomeResult,
    outcomeReason: r.outcomeReason,
    actor,
    targets,
    app: { id: r.targetAppId, name: r.targetAppName },
    clientIp: r.clientIp,
    location: [r.city, r.state, r.country].filter(Boolean).join(", ") || null,
  };
}
