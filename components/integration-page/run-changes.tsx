"use client";
// What a run changed, object by object: the people, groups, apps, assignments, admin roles and
// identity providers it added, updated (which fields) and removed, a page at a time, filtered by
// resource and kind of change. A resource imported for the first time says "first sync: N added"
// (its list is capped); a capped list says how much of it is shown.
import { useState } from "react";
import { Badge, Card, CardHeader, EmptyState, InfoIcon, Time, type Tone } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import type { Resource, RunChange } from "@/db/enums";
import { formatCount } from "@/lib/format";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { CHANGE_RESOURCES, CHANGES_PER_RESOURCE, type RunChangeItem, type RunDetail } from "@/lib/sync/contracts";
import { ChangeLine } from "./change-line";
import { type ChangeFilters, useRun, useRunChanges } from "./queries";

const CHANGE: Record<RunChange, { label: string; tone: Tone }> = {
  added: { label: "Added", tone: "success" },
  updated: { label: "Updated", tone: "info" },
  deleted: { label: "Removed", tone: "danger" },
};

/** "3 added, 2 updated, 1 removed" for one resource of the run. */
function tally(r: RunDetail["resources"][number]) {
  return [
    r.added && `${formatCount(r.added)} added`,
    r.updated && `${formatCount(r.updated)} updated`,
    r.deleted && `${formatCount(r.deleted)} removed`,
  ].filter(Boolean) as string[];
}

export function RunChanges({ id, runId, firstImports }: { id: string; runId: string; firstImports: Resource[] }) {
  const [f, setF] = useState<ChangeFilters>({ resource: "", change: "" });
  const { data: run } = useRun(id, runId);
  const live = run?.status === "queued" || run?.status === "running";
  const q = useRunChanges(id, runId, f, live);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const resources = (run?.resources ?? []).filter((r) => (CHANGE_RESOURCES as readonly string[]).includes(r.resource));
  const changed = resources.filter((r) => r.added + r.updated + r.deleted > 0);
  // A first import's "added" is the whole org: said once, in a line, rather than implied to be a list.
  const first = changed.filter((r) => firstImports.includes(r.resource) && r.added > 0);
  const later = changed.filter((r) => !first.includes(r));
  const capped = changed.filter((r) => r.added + r.updated + r.deleted > CHANGES_PER_RESOURCE);
  const notes = [
    first.length > 0 &&
      `First sync: ${first.map((r) => `${formatCount(r.added)} ${RESOURCE_REGISTRY[r.resource].label}`).join(", ")} added.`,
    capped.length > 0 &&
      `Only the first ${formatCount(CHANGES_PER_RESOURCE)} changes of ${capped.map((r) => RESOURCE_REGISTRY[r.resource].label).join(", ")} are listed; the counts above are complete.`,
  ].filter((n): n is string => !!n);
  const filtered = !!(f.resource || f.change);
  return (
    <Card data-testid="run-changes">
      <CardHeader
        title="What changed"
        description={
          later.length
            ? later.map((r) => `${RESOURCE_REGISTRY[r.resource].title}: ${tally(r).join(", ")}`).join(" · ")
            : first.length
              ? "The people, groups, apps and assignments this first sync brought in."
              : live
                ? "Changes appear here as the run writes them."
                : "Nothing was added, updated or removed: the console's copy already matched Okta."
        }
      />
      {notes.length > 0 && (
        <ul className="border-b border-slate-200 bg-sky-50 px-5 py-2 text-sm text-sky-900" data-testid="run-changes-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <DataTableToolbar
        label="Filter changes"
        filtered={filtered}
        onClear={() => setF({ resource: "", change: "" })}
        busy={q.isFetching && !q.isFetchingNextPage}
      >
        <DataTableFilter
          label="Resource"
          all="All resources"
          className="w-48"
          value={f.resource}
          onChange={(v) => setF((x) => ({ ...x, resource: v as ChangeFilters["resource"] }))}
          options={CHANGE_RESOURCES.map((r) => [r, RESOURCE_REGISTRY[r].title])}
        />
        <DataTableFilter
          label="Change"
          all="Any change"
          className="w-40"
          value={f.change}
          onChange={(v) => setF((x) => ({ ...x, change: v as ChangeFilters["change"] }))}
          options={[
            ["added", "Added"],
            ["updated", "Updated"],
            ["deleted", "Removed"],
          ]}
        />
      </DataTableToolbar>
      <DataTable<RunChangeItem>
        label="Changes of this run"
        rows={items}
        rowKey={(c) => c.id}
        loading={q.isFetching}
        error={q.error}
        columns={[
          {
            header: "Change",
            width: "w-28",
            cell: (c) => (
              <span data-testid="change-kind" data-change={c.change}>
                <Badge tone={CHANGE[c.change].tone}>{CHANGE[c.change].label}</Badge>
              </span>
            ),
          },
          { header: "Resource", width: "w-40", className: "text-sm text-slate-600", cell: (c) => RESOURCE_REGISTRY[c.resource].title },
          { header: "What", className: "text-sm", cell: (c) => <ChangeLine c={c} integrationId={id} /> },
          {
            header: "When",
            width: "w-28",
            className: "text-xs whitespace-nowrap text-slate-500",
            cell: (c) => <Time value={c.at} format="time" />,
          },
        ]}
        empty={
          <EmptyState
            icon={<InfoIcon size={20} />}
            title={filtered ? "No changes match these filters" : "No changes listed"}
            description={
              filtered
                ? "Choose another resource or kind of change, or clear the filters."
                : changed.length
                  ? "This run's changes were not recorded object by object (it ran before the console kept them)."
                  : "This run found nothing to add, update or remove."
            }
          />
        }
        paging={keysetPaging(q, ["change", "changes"], { moreLabel: "Load more changes" })}
      />
    </Card>
  );
}
