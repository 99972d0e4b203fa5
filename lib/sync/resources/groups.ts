// Groups with expand=stats: Okta's member counts drive the memberships progress bar, let memberships
// skip empty groups and are reconciled against what we store. Okta has been seen to answer 500 to
// expand=stats on large pages, so on a server error we go on from the same position with a smaller
// page, then without stats.
//
// Incremental: only groups whose lastUpdated or lastMembershipUpdated moved since the mark (the
// memberships step re-reads members only where the counts say the log did not explain the change);
// deleted groups come from group.lifecycle.delete events.
import { OktaApiError } from "@/lib/okta/errors";
import { oktaGroupSchema } from "@/lib/okta/schemas";
import { deleteRows } from "../incremental/delete-rows";
import { eventsSince, GROUP_DELETED, targetId } from "../incremental/events";
import { oktaDate, sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { groupRow, groupsTable } from "../tables";
import { InvalidObjects, type ListCheckpoint, parseItems, throwIfAborted } from "./walk";

const ATTEMPTS = [
  { limit: "10000", expand: "stats" },
  { limit: "200", expand: "stats" },
  { limit: "10000", expand: undefined },
] as const;

function withParams(url: string, p: (typeof ATTEMPTS)[number]) {
  const u = new URL(url);
  u.searchParams.set("limit", p.limit);
  if (p.expand) u.searchParams.set("expand", p.expand);
  else u.searchParams.delete("expand");
  return u.toString();
}

export async function syncGroups(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "groups");
  await readGroups(ctx, since ? `lastUpdated gt "${oktaDate(since)}" or lastMembershipUpdated gt "${oktaDate(since)}"` : null);
  if (!since) return "full";
  const gone = await deletedGroupIds(ctx.lease.integrationId, since);
  if (gone.length) await deleteRows(ctx.lease, "groups", "okta_groups", "id = any($2::text[])", [gone]);
  return "incremental";
}

export async function deletedGroupIds(integrationId: string, since: Date): Promise<string[]> {
  return [
    ...new Set(
      (await eventsSince(integrationId, since, GROUP_DELETED)).map((e) => targetId(e, "UserGroup")).filter((x): x is string => !!x),
    ),
  ];
}

async function readGroups(ctx: ResourceContext, filter: string | null) {
  const cp = (ctx.checkpoint ?? {}) as ListCheckpoint;
  if (cp.done) return;
  const invalid = new InvalidObjects();
  const chosen = ctx.scope?.groupIds ? new Set(ctx.scope.groupIds) : null;
  let url = cp.next ?? `${ctx.client.domain}/api/v1/groups${filter ? `?filter=${encodeURIComponent(filter)}` : ""}`;
  let attempt = 0;
  for (;;) {
    try {
      for await (const page of ctx.client.pages<unknown>(withParams(url, ATTEMPTS[attempt]))) {
        throwIfAborted(ctx);
        const parsed = parseItems(page.items, oktaGroupSchema, groupRow);
        invalid.add(parsed.invalid);
        // Scoped to chosen groups: the rest is counted (full passes), not written.
        const rows = chosen ? parsed.rows.filter((r) => chosen.has(r.id)) : parsed.rows;
        const last = page.items.length === 0 || !page.nextUrl;
        await ctx.commit({
          writes: [{ spec: groupsTable, rows }],
          pages: 1,
          objects: rows.length,
          outOfScope: chosen && !filter ? parsed.rows.length - rows.length : undefined,
          checkpoint: { replace: last ? { done: true } : { next: page.nextUrl } },
        });
        if (page.nextUrl) url = page.nextUrl;
      }
      break;
    } catch (e) {
      if (!(e instanceof OktaApiError) || e.kind !== "server" || attempt === ATTEMPTS.length - 1) throw e;
      attempt++;
      await ctx.note(
        "warn",
        "sync.groups_fallback",
        `Okta failed listing groups with ${ATTEMPTS[attempt - 1].expand ? "member counts" : "this page size"}; continuing with limit=${ATTEMPTS[attempt].limit}${ATTEMPTS[attempt].expand ? " and member counts" : " and without member counts"}`,
        e.toDetails(),
      );
    }
  }
  await invalid.report(ctx, "groups");
}
