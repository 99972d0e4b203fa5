// CSV export of the Activity list exactly as filtered on screen, newest first, streamed a keyset page
// at a time through the directory's CSV stream (lib/directory/csv.ts: the next page read ahead, formula-safe
// cells, stops querying when the client goes away).
import type { WorkspaceCtx } from "@/lib/context";
import { allPages, csvStream } from "@/lib/directory/csv";
import type { ActivityFilters, ActivityItem } from "./contracts";
import { targetName } from "./event-types";
import { activityConditions } from "./filters";
import { listActivity } from "./list-activity";

const PAGE = 1000;

export const ACTIVITY_CSV_COLUMNS = [
  "published",
  "event_id",
  "integration_id",
  "event_type",
  "action",
  "summary",
  "actor_id",
  "actor_type",
  "actor_login",
  "actor_name",
  "targets",
  "outcome",
  "outcome_reason",
  "severity",
  "client_ip",
  "location",
  "display_message",
];

/** The filters' conditions are resolved once (an actor name's lookup), then every page is read ahead. */
async function* activityPages(ctx: WorkspaceCtx, filters: ActivityFilters) {
  const conditions = await activityConditions(ctx, filters);
  yield* allPages({ ...filters, conditions }, (input) => listActivity({ ctx, input }), PAGE);
}

export function exportActivityCsv({ ctx, input }: { ctx: WorkspaceCtx; input: ActivityFilters }): {
  filename: string;
  stream: ReadableStream<Uint8Array>;
} {
  const day = new Date().toISOString().slice(0, 10);
  return {
    filename: `activity-${day}.csv`,
    stream: csvStream(ACTIVITY_CSV_COLUMNS, activityPages(ctx, input), (x: ActivityItem) => [
      x.published,
      x.id,
      x.integrationId,
      x.eventType,
      x.action,
      x.summary,
      x.actor.id,
      x.actor.type,
      x.actor.login,
      x.actor.displayName,
      x.targets.map((t) => `${t.type ?? "Target"}: ${targetName(t)}${t.id ? ` (${t.id})` : ""}`).join("; "),
      x.outcome,
      x.outcomeReason,
      x.severity,
      x.clientIp,
      x.location,
      x.displayMessage,
    ]),
  };
}
