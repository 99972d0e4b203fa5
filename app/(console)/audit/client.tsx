"use client";
// The workspace's Audit page: the audit log filtered by actor, target, action kind, outcome, Okta org
// and days, a keyset page at a time; the CSV of the same filters; and "Verify chain", which walks the
// hash chain on the server (GET /api/audit/verify) and says whether it is intact or where it breaks.
import { useMutation } from "@tanstack/react-query";
import { AuditList } from "@/components/actions/audit-list";
import { auditKeys } from "@/components/actions/queries";
import { dayOfFrom, dayOfTo, fromDay, toDay } from "@/components/activity/date-range";
import { FilterInput } from "@/components/activity/filter-input";
import { Alert, AuditIcon, Button, ButtonLink, Card, DownloadIcon, ListEmpty, VerifiedIcon } from "@/components/ui";
import { DataTableFilter, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import { Input } from "@/components/ui/field";
import { useTimeZone } from "@/components/ui/time";
import { useServerList } from "@/components/ui/use-server-list";
import { ACTION_KINDS } from "@/db/enums";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { api } from "@/lib/api/client";
import { AUDIT_OUTCOMES, type AuditItem, type AuditOutcome, type AuditPage, auditPage, auditVerifyResult } from "@/lib/audit/contracts";
import { formatCount } from "@/lib/format";
import { links } from "@/lib/links";

const OUTCOME_LABEL: Record<AuditOutcome, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
  denied: "Denied",
  expired: "Expired",
  cancelled: "Cancelled",
};

function DayFilter({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (day: string) => void }) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-slate-600">
        {label}
      </label>
      <Input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} className="w-40" />
    </div>
  );
}

/** "Verify chain" and its verdict. */
function VerifyChain() {
  const verify = useMutation({ mutationFn: () => api("/api/audit/verify", { schema: auditVerifyResult }) });
  const r = verify.data;
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => verify.mutate()} loading={verify.isPending} data-testid="verify-chain">
        <VerifiedIcon size={16} />
        Verify chain
      </Button>
      {verify.error && <Alert tone="danger">{verify.error.message}</Alert>}
      {r && (
        <div data-testid="verify-result">
          {r.ok ? (
            <Alert tone="success" title="The chain is intact">
              {formatCount(r.entries)} {r.entries === 1 ? "entry" : "entries"} checked: each matches its hash and links to the one before
              it.
              {r.head && (
                <>
                  {" "}
                  Last entry #{r.head.seq}, hash <code className="font-mono text-xs break-all">{r.head.hash}</code>: keep a copy to notice
                  entries removed from the end.
                </>
              )}
            </Alert>
          ) : (
            <Alert tone="danger" title="The chain is broken">
              {r.firstBroken ? (
                <>
                  First broken link at entry #{r.firstBroken.seq}: {r.firstBroken.reason}.
                </>
              ) : null}{" "}
              {formatCount(r.entries)} entries checked. An entry was changed, removed or inserted outside the console.
            </Alert>
          )}
        </div>
      )}
    </div>
  );
}

export function AuditClient({
  initialFilters,
  initialPage,
  integrations,
}: {
  initialFilters: Record<string, string>;
  initialPage: AuditPage;
  integrations: { id: string; name: string }[];
}) {
  const list = useServerList<AuditItem>({
    queryKey: (f) => auditKeys.list(f),
    path: "/api/audit",
    schema: auditPage,
    initialFilters,
    initialPage,
    inUrl: true,
  });
  const { filters, set, items, query } = list;
  const zone = useTimeZone();
  return (
    <div className="space-y-6">
      <Card className="px-5 py-4">
        <VerifyChain />
      </Card>
      <Card>
        <DataTableToolbar
          label="Filter the audit log"
          filtered={list.filtered}
          onClear={list.clear}
          busy={query.isFetching && !query.isFetchingNextPage}
        >
          <FilterInput
            label="Actor"
            placeholder="Actor: email, system or user id"
            value={filters.actor}
            onChange={(actor) => set({ actor })}
            className="w-full sm:w-auto sm:min-w-52 sm:flex-1"
          />
          <FilterInput
            label="Target"
            placeholder="Target: Okta id of a person, group or app"
            value={filters.target}
            onChange={(target) => set({ target })}
            className="w-full sm:w-auto sm:min-w-52 sm:flex-1"
          />
          <DataTableFilter
            label="Action"
            all="Any action"
            className="w-full sm:w-52"
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={ACTION_KINDS.map((k) => [k, ACTION_KIND_INFO[k].label])}
          />
          <DataTableFilter
            label="Outcome"
            all="Any outcome"
            className="w-full sm:w-40"
            value={filters.outcome}
            onChange={(outcome) => set({ outcome })}
            options={(Object.keys(AUDIT_OUTCOMES) as AuditOutcome[]).map((o) => [o, OUTCOME_LABEL[o]])}
          />
          {(integrations.length > 1 || filters.integrationId) && (
            <DataTableFilter
              label="Okta org"
              all="All Okta orgs"
              className="w-full sm:w-44"
              value={filters.integrationId}
              onChange={(integrationId) => set({ integrationId })}
              options={integrations.map((i) => [i.id, i.name])}
            />
          )}
          <div className="flex flex-wrap items-center gap-3">
            <DayFilter
              id="audit-from"
              label="From"
              value={dayOfFrom(filters.from, zone)}
              onChange={(d) => set({ from: fromDay(d, zone) })}
            />
            <DayFilter id="audit-to" label="To" value={dayOfTo(filters.to, zone)} onChange={(d) => set({ to: toDay(d, zone) })} />
          </div>
          <ButtonLink
            href={links.auditCsv(filters)}
            variant="secondary"
            prefetch={false}
            download
            className="sm:ml-auto"
            data-testid="audit-csv"
          >
            <DownloadIcon size={16} />
            Export CSV
          </ButtonLink>
        </DataTableToolbar>
        <AuditList
          label="Audit log"
          items={items}
          loading={query.isFetching}
          error={query.error}
          empty={
            <ListEmpty
              filtered={list.filtered}
              noMatch={{
                title: "No entries match",
                description: "Try another actor, target, action, outcome or days, or clear the filters.",
              }}
              none={{
                icon: <AuditIcon size={20} />,
                title: "Nothing audited yet",
                description: "Requests for actions on Okta, their approvals and Okta's answers are recorded here as they happen.",
              }}
            />
          }
          paging={keysetPaging(query, ["entry", "entries"])}
        />
      </Card>
    </div>
  );
}
