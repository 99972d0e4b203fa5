"use client";
// The workspace's integrations (several Okta orgs possible), connected first: each with its state,
// when it last synced, what it holds and any open problem with its fix. A disconnected one can be
// removed (its kept data with it). Polled, so a sync's state changes here by itself.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, ChevronRightIcon, OktaMark, Time } from "@/components/ui";
import { api } from "@/lib/api/client";
import { formatCount } from "@/lib/format";
import { METHOD_LABEL } from "@/lib/integrations/contracts";
import { type IntegrationStatusList, integrationStatusListSchema } from "@/lib/integrations/status-contracts";
import { links } from "@/lib/links";
import { RemoveButton } from "./remove-button";
import { LastSync, openProblems, ProblemItem, StateBadge } from "./status";

export const statusKey = ["integrations", "status"] as const;

export function ConnectedIntegrations({ initial, isAdmin }: { initial: IntegrationStatusList; isAdmin: boolean }) {
  const { data } = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => api("/api/integrations/status", { schema: integrationStatusListSchema, signal }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.items.some((s) => s.health.active) ? 3_000 : 30_000),
  });
  const items = data.items;
  if (!items.length) return null;
  return (
    <section aria-labelledby="connected-heading">
      <h2 id="connected-heading" className="mb-3 text-sm font-semibold text-slate-900">
        Your integrations
      </h2>
      <Card>
        <ul className="divide-y divide-slate-100">
          {items.map((s) => {
            const i = s.integration;
            const problems = openProblems(s);
            const connected = i.state === "connected";
            return (
              <li key={i.id} className="px-5 py-4" data-testid="integration-row" data-name={i.name}>
                <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
                  <OktaMark size={32} />
                  <div className="min-w-0 flex-1 basis-64">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      <Link href={links.overview(i.id)} className="hover:text-brand-700 hover:underline">
                        {i.name}
                      </Link>
                      <StateBadge status={s} />
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {i.domain} · {METHOD_LABEL[i.auth.method]}
                      {i.auth.usesDpop ? " (DPoP)" : ""}
                    </p>
                    <p className="mt-1 text-xs text-slate-600" data-testid="last-sync">
                      {connected ? (
                        <LastSync status={s} />
                      ) : (
                        <>
                          Disconnected <Time value={i.disconnectedAt} format="relative" />
                          {s.hasData ? " · its imported data is kept, read-only" : " · its imported data was deleted"}
                        </>
                      )}
                    </p>
                  </div>
                  <dl className="grid w-56 grid-cols-3 gap-x-5 text-right" aria-label={`What ${i.name} holds`}>
                    {(
                      [
                        ["People", s.counts.users],
                        ["Groups", s.counts.groups],
                        ["Apps", s.counts.apps],
                      ] as const
                    ).map(([label, n]) => (
                      <div key={label}>
                        <dt className="text-xs text-slate-500">{label}</dt>
                        <dd className="text-sm font-semibold text-slate-900 tabular-nums" data-testid={`count-${label.toLowerCase()}`}>
                          {formatCount(n)}
                        </dd>
                      </div>
                    ))}
                  </dl>
                  <div className="flex items-center justify-end gap-2 self-center sm:w-32">
                    {!connected && isAdmin && (
                      <RemoveButton id={i.id} name={i.name} domain={i.domain} hasData={s.hasData} size="sm" variant="secondary" />
                    )}
                    <ChevronRightIcon size={16} className="text-slate-400" aria-hidden="true" />
                  </div>
                </div>
                {problems.length > 0 && (
                  <ul
                    className="mt-2 ml-12 divide-y divide-slate-100 rounded-md border border-amber-200 bg-amber-50/40 px-3"
                    aria-label={`Problems of ${i.name}`}
                  >
                    {problems.map((p) => (
                      <ProblemItem key={p.key} p={p} named={false} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      </Card>
    </section>
  );
}
