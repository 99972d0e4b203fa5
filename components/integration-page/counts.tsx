"use client";
// What came in: people by status, groups by type, apps by status, assignments, admin role holders
// (directly or through a group, from the hygiene numbers),
// identity providers and sign-ins. Each count opens the directory (or Activity) filtered to it;
// group memberships show whether they agree with Okta's own member counts.
import Link from "next/link";
import { AlertIcon, Badge, Card, CheckIcon, cn } from "@/components/ui";
import { formatCount } from "@/lib/format";
import { links } from "@/lib/links";
import { userStatusLabel } from "@/lib/okta/user-status";
import type { Overview } from "@/lib/overview/contracts";
import { useHygiene } from "./hygiene-card";
import { GROUP_TYPE_LABEL, titleCase, USER_STATUS_ORDER } from "./labels";

function Line({
  label,
  value,
  href,
  tone,
  testId,
}: {
  label: React.ReactNode;
  value: number;
  href?: string;
  tone?: "danger" | "warning";
  testId?: string;
}) {
  const v = (
    <span
      className={cn("tabular-nums", tone === "danger" && value > 0 && "text-red-700", tone === "warning" && value > 0 && "text-amber-700")}
    >
      {formatCount(value)}
    </span>
  );
  return (
    <li className="flex items-baseline justify-between gap-3 py-1 text-sm">
      <span className="min-w-0 truncate text-slate-600">{label}</span>
      {href ? (
        <Link href={href} className="font-medium text-slate-900 hover:text-brand-700 hover:underline" data-testid={testId}>
          {v}
        </Link>
      ) : (
        <span className="font-medium text-slate-900" data-testid={testId}>
          {v}
        </span>
      )}
    </li>
  );
}

function Panel({
  title,
  total,
  href,
  unit,
  children,
  testId,
}: {
  title: string;
  total: number;
  href?: string;
  unit: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Card className="flex flex-col px-4 py-3">
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h3>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
        {href ? (
          <Link href={href} className="hover:text-brand-700 hover:underline" data-testid={testId}>
            {formatCount(total)}
          </Link>
        ) : (
          <span data-testid={testId}>{formatCount(total)}</span>
        )}
        <span className="ml-1.5 text-sm font-normal text-slate-500">{unit}</span>
      </p>
      <ul className="mt-2 divide-y divide-slate-100 border-t border-slate-100">{children}</ul>
    </Card>
  );
}

/** "Scoped" with what the scope keeps and, per resource, what Okta has that it leaves out. */
function ScopeNote({ scope, id }: { scope: NonNullable<Overview["scope"]>; id: string }) {
  const o = scope.outOfScope;
  const parts = (
    [
      ["users", "users"],
      ["groups", "groups"],
      ["memberships", "memberships"],
      ["apps", "apps"],
      ["app_assignments", "app assignments"],
      ["roles", "admin role holders"],
    ] as const
  )
    .filter(([r]) => o[r] !== undefined)
    .map(([r, w]) => `${formatCount(o[r]!)} ${w}`);
  return (
    <div
      className="mb-3 flex flex-wrap items-baseline gap-x-2 gap-y-1 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm"
      data-testid="scope-note"
    >
      <Badge tone="info">Scoped</Badge>
      <span className="text-slate-800">{scope.summary}.</span>
      {scope.pending ? (
        <span className="text-slate-600">Changed since the last sync; the next sync applies it.</span>
      ) : parts.length ? (
        <span className="text-slate-600" data-testid="scope-out">
          Out of scope in Okta: {parts.join(", ")}.
        </span>
      ) : null}
      <Link href={links.settings(id)} className="ml-auto text-xs font-medium text-brand-700 hover:underline">
        Change scope
      </Link>
    </div>
  );
}

function Reconciliation({ m }: { m: Overview["counts"]["memberships"] }) {
  const r = m.reconciliation;
  if (!r) return <p className="mt-2 text-xs text-slate-500">Not yet compared with Okta&apos;s member counts.</p>;
  if (r.outOfScope !== null) {
    const agrees = r.mismatchedGroups === 0;
    return (
      <p
        className={cn("mt-2 flex items-start gap-1.5 text-xs", agrees ? "text-emerald-700" : "text-amber-800")}
        data-testid="membership-reconciliation"
        data-agrees={agrees}
      >
        {agrees ? <CheckIcon size={14} className="mt-px shrink-0" /> : <AlertIcon size={14} className="mt-px shrink-0" />}
        <span>
          Okta counts {formatCount(r.expected)} in the synced groups: {formatCount(r.stored)} stored, {formatCount(r.outOfScope)} out of
          scope
          {agrees ? "." : `; ${formatCount(r.mismatchedGroups)} ${r.mismatchedGroups === 1 ? "group does" : "groups do"} not add up.`}
        </span>
      </p>
    );
  }
  const agrees = r.mismatchedGroups === 0 && r.expected === r.stored;
  return (
    <p
      className={cn("mt-2 flex items-start gap-1.5 text-xs", agrees ? "text-emerald-700" : "text-amber-800")}
      data-testid="membership-reconciliation"
      data-agrees={agrees}
    >
      {agrees ? <CheckIcon size={14} className="mt-px shrink-0" /> : <AlertIcon size={14} className="mt-px shrink-0" />}
      <span>
        {agrees
          ? `Matches Okta's own member counts (${formatCount(r.expected)} across ${formatCount(r.groupsCompared)} groups).`
          : `Okta reports ${formatCount(r.expected)}, the last run stored ${formatCount(r.stored)}: ${formatCount(Math.abs(r.expected - r.stored))} apart in ${formatCount(r.mismatchedGroups)} ${r.mismatchedGroups === 1 ? "group" : "groups"}.`}
      </span>
    </p>
  );
}

/** Directly or through a group, as the list it opens counts them (the hygiene numbers); Okta's direct holders until they load. */
function AdminHolders({ id, direct }: { id: string; direct: number }) {
  const { data } = useHygiene(id);
  return (
    <Line
      label="Admin role holders"
      value={data?.admins.holders ?? direct}
      href={links.people({ adminRole: "any", integrationId: id })}
      testId="count-admin-users"
    />
  );
}

export function CountsGrid({ overview }: { overview: Overview }) {
  const { counts: c, integrationId: id } = overview;
  const statuses = [...USER_STATUS_ORDER, ...Object.keys(c.users.byStatus).filter((s) => !USER_STATUS_ORDER.includes(s))].filter(
    (s) => c.users.byStatus[s],
  );
  const sorted = (rec: Record<string, number>) => Object.entries(rec).sort((a, b) => b[1] - a[1]);
  return (
    <section aria-labelledby="counts-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="counts-title" className="text-sm font-semibold text-slate-900">
          What came in
        </h2>
        <p className="text-xs text-slate-500">Live rows in the console; click a number to open the list.</p>
      </div>
      {overview.scope && <ScopeNote scope={overview.scope} id={id} />}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Panel
          title="People"
          total={c.users.total}
          unit={c.users.total === 1 ? "user" : "users"}
          href={links.people({ integrationId: id })}
          testId="count-users"
        >
          {statuses.length ? (
            statuses.map((s) => (
              <Line
                key={s}
                label={userStatusLabel(s)}
                value={c.users.byStatus[s]}
                href={links.people({ integrationId: id, status: s })}
                testId={`count-users-${s}`}
                tone={s === "LOCKED_OUT" || s === "SUSPENDED" ? "warning" : undefined}
              />
            ))
          ) : (
            <li className="py-1 text-sm text-slate-500">None synced yet</li>
          )}
          <AdminHolders id={id} direct={c.admins.users} />
          {overview.scope?.outOfScope.users !== undefined && (
            <Line label="Out of scope in Okta" value={overview.scope.outOfScope.users} testId="count-users-out-of-scope" />
          )}
        </Panel>
        <Panel
          title="Groups"
          total={c.groups.total}
          unit={c.groups.total === 1 ? "group" : "groups"}
          href={links.groups({ integrationId: id })}
          testId="count-groups"
        >
          {sorted(c.groups.byType).map(([t, n]) => (
            <Line
              key={t}
              label={GROUP_TYPE_LABEL[t] ?? titleCase(t)}
              value={n}
              href={links.groups({ integrationId: id, type: t })}
              testId={`count-groups-${t}`}
            />
          ))}
          <Line label="Memberships" value={c.memberships.total} testId="count-memberships" />
          <Line label="With admin roles" value={c.admins.groups} testId="count-admin-groups" />
          {overview.scope?.outOfScope.groups !== undefined && (
            <Line label="Out of scope in Okta" value={overview.scope.outOfScope.groups} testId="count-groups-out-of-scope" />
          )}
          <li className="pb-1">
            <Reconciliation m={c.memberships} />
          </li>
        </Panel>
        <Panel
          title="Apps"
          total={c.apps.total}
          unit={c.apps.total === 1 ? "app" : "apps"}
          href={links.apps({ integrationId: id })}
          testId="count-apps"
        >
          {sorted(c.apps.byStatus).map(([s, n]) => (
            <Line key={s} label={titleCase(s)} value={n} href={links.apps({ integrationId: id, status: s })} testId={`count-apps-${s}`} />
          ))}
          <Line
            label="User assignments"
            value={c.assignments.users}
            href={links.apps({ integrationId: id })}
            testId="count-assignments-users"
          />
          <Line
            label="Group assignments"
            value={c.assignments.groups}
            href={links.apps({ integrationId: id })}
            testId="count-assignments-groups"
          />
          {overview.scope?.outOfScope.apps !== undefined && (
            <Line label="Apps out of scope in Okta" value={overview.scope.outOfScope.apps} testId="count-apps-out-of-scope" />
          )}
        </Panel>
        <Panel title="Sign-ins" total={c.signIns.last7.total} unit="in 7 days" href={links.signIns()} testId="count-signins-7">
          <Line
            label="Failed, last 7 days"
            value={c.signIns.last7.failure}
            href={links.signIns("FAILURE")}
            tone="danger"
            testId="count-signins-7-failed"
          />
          <Line label="Last 30 days" value={c.signIns.last30.total} href={links.signIns()} testId="count-signins-30" />
          <Line
            label="Failed, last 30 days"
            value={c.signIns.last30.failure}
            href={links.signIns("FAILURE")}
            tone="danger"
            testId="count-signins-30-failed"
          />
          <Line
            label={`Identity providers${c.idps.byStatus.ACTIVE !== undefined && c.idps.byStatus.ACTIVE !== c.idps.total ? ` (${c.idps.byStatus.ACTIVE} active)` : ""}`}
            value={c.idps.total}
            testId="count-idps"
          />
        </Panel>
      </div>
    </section>
  );
}
