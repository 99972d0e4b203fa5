"use client";
// The home dashboard's live part: read again every 30 s (and at once when the window regains focus),
// with the time of the last reading on screen and a full-screen switch for a wall screen. Every number
// and name opens what it counts.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { ChangeLine } from "@/components/integration-page/change-line";
import { LastSync, openProblems, ProblemItem, StateBadge } from "@/components/integrations/status";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  CardHeader,
  CheckIcon,
  CountGroup,
  CountLine,
  cn,
  EmptyState,
  InfoIcon,
  OktaMark,
  PlusIcon,
  Time,
  type Tone,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { DASHBOARD_REFRESH_MS, type Dashboard, dashboardSchema, type LatestChange } from "@/lib/dashboard/contracts";
import { formatCount } from "@/lib/format";
import { links, type PeopleFilters } from "@/lib/links";
import { RESOURCE_REGISTRY } from "@/lib/resources";

const CHANGE: Record<LatestChange["change"], { label: string; tone: Tone }> = {
  added: { label: "Added", tone: "success" },
  updated: { label: "Updated", tone: "info" },
  deleted: { label: "Removed", tone: "danger" },
};

function Stat({ label, value, hint, href, testId }: { label: string; value: number; hint?: string; href?: string; testId: string }) {
  const v = <span className="tabular-nums">{formatCount(value)}</span>;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs 2xl:px-6 2xl:py-5">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase 2xl:text-sm">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold text-slate-900 2xl:text-5xl" data-testid={testId}>
        {href ? (
          <Link href={href} className="hover:text-brand-700 hover:underline">
            {v}
          </Link>
        ) : (
          v
        )}
      </dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500 2xl:text-sm">{hint}</dd>}
    </div>
  );
}

function Hygiene({ h }: { h: NonNullable<Dashboard["hygiene"]> }) {
  const people = (f: PeopleFilters) => links.people(f);
  return (
    <Card data-testid="dashboard-hygiene">
      <CardHeader title="Identity hygiene" description="Across every org; each number opens the people behind it." />
      <div className="grid grid-cols-1 gap-x-8 gap-y-3 px-5 pt-3 pb-4 sm:grid-cols-2 xl:grid-cols-4">
        <CountGroup title="Admins">
          <CountLine strong label="Admin role holders" value={h.admins.holders} href={people({ adminRole: "any" })} testId="dash-admins" />
          <CountLine
            strong
            label="No sign-in for 30 days"
            value={h.admins.noRecentSignIn}
            href={people({ adminRole: "any", signedInBefore: h.days.admin })}
            tone="danger"
            testId="dash-admins-stale"
          />
        </CountGroup>
        <CountGroup title="Dormant active accounts">
          <CountLine
            strong
            label="No sign-in for 90 days"
            value={h.dormant.d90}
            href={people({ status: "ACTIVE", signedInBefore: h.days.d90 })}
            tone="warning"
            testId="dash-dormant-90"
          />
          <CountLine
            strong
            label="Never signed in"
            value={h.dormant.never}
            href={people({ status: "ACTIVE", neverSignedIn: "true" })}
            tone="warning"
            testId="dash-never"
          />
        </CountGroup>
        <CountGroup title="Deactivated, still holding access">
          <CountLine
            strong
            label="In Okta groups"
            value={h.deactivated.inOktaGroups}
            href={people({ status: "DEPROVISIONED", inOktaGroups: "true" })}
            tone="warning"
            testId="dash-deactivated-groups"
          />
          <CountLine
            strong
            label="Assigned apps"
            value={h.deactivated.withApps}
            href={people({ status: "DEPROVISIONED", hasApps: "true" })}
            tone="danger"
            testId="dash-deactivated-apps"
          />
        </CountGroup>
        <CountGroup title="Can't sign in">
          <CountLine
            strong
            label="Locked out"
            value={h.lockedOut}
            href={people({ status: "LOCKED_OUT" })}
            tone="warning"
            testId="dash-locked"
          />
          <CountLine
            strong
            label="Password expired"
            value={h.passwordExpired}
            href={people({ status: "PASSWORD_EXPIRED" })}
            tone="warning"
            testId="dash-expired"
          />
        </CountGroup>
      </div>
    </Card>
  );
}

/** Full screen for a wall display (the Fullscreen API; Esc leaves it). */
function useFullScreen() {
  const ref = useRef<HTMLDivElement>(null);
  const [on, setOn] = useState(false);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement === ref.current && !!ref.current);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void ref.current?.requestFullscreen?.();
  }, []);
  return { ref, on, toggle };
}

export function DashboardClient({ initial, isAdmin }: { initial: Dashboard; isAdmin: boolean }) {
  const {
    data: d,
    error,
    dataUpdatedAt,
  } = useQuery({
    queryKey: ["dashboard"],
    queryFn: ({ signal }) => api("/api/dashboard", { schema: dashboardSchema, signal }),
    initialData: initial,
    // The server's reading time, so the page renders the same "Updated" on the server and the client.
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: true,
  });
  const full = useFullScreen();
  const problems = d.integrations.flatMap(openProblems);
  const connected = d.integrations.filter((s) => s.integration.state === "connected");
  const names = Object.fromEntries(d.integrations.map((s) => [s.integration.id, s.integration.name]));
  return (
    <div ref={full.ref} className={cn(full.on && "overflow-auto bg-slate-50 p-6 2xl:p-10")} data-testid="dashboard">
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 2xl:text-3xl">Overview</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every Okta org the console syncs, at a glance. Updated <Time value={new Date(dataUpdatedAt)} format="time" />; it refreshes
            every {DASHBOARD_REFRESH_MS / 1000} s.
          </p>
        </div>
        <Button variant="secondary" onClick={full.toggle} aria-pressed={full.on}>
          {full.on ? "Leave full screen" : "Full screen"}
        </Button>
      </header>
      {error && (
        <Alert tone="warning" className="mb-4">
          Showing the reading of <Time value={d.generatedAt} format="time" />: the latest could not be loaded ({error.message}).
        </Alert>
      )}
      {d.integrations.length === 0 ? (
        <Card>
          <EmptyState
            icon={<OktaMark size={28} />}
            title="No Okta org connected yet"
            description="Connect one and this page shows its state, problems, hygiene numbers and changes as the syncs bring them in."
            action={
              isAdmin ? (
                <ButtonLink href={links.connect()}>
                  <PlusIcon size={16} /> Connect Okta
                </ButtonLink>
              ) : undefined
            }
          />
        </Card>
      ) : (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat
              label="Integrations"
              value={connected.length}
              hint={`connected${d.integrations.length > connected.length ? `, ${d.integrations.length - connected.length} disconnected` : ""}`}
              href={links.integrations()}
              testId="dash-integrations"
            />
            <Stat label="People" value={d.totals.people} hint="across every org" href={links.people()} testId="dash-people" />
            <Stat label="Groups" value={d.totals.groups} hint="across every org" href={links.groups()} testId="dash-groups" />
            <Stat label="Apps" value={d.totals.apps} hint="across every org" href={links.apps()} testId="dash-apps" />
          </dl>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <Card data-testid="dashboard-integrations">
              <CardHeader title="Integrations" description="State, last sync and next scheduled run of each." />
              <ul className="divide-y divide-slate-100">
                {d.integrations.map((s) => (
                  <li
                    key={s.integration.id}
                    className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3"
                    data-testid="dash-integration"
                  >
                    <Link
                      href={links.overview(s.integration.id)}
                      className="min-w-0 font-medium text-slate-900 hover:underline 2xl:text-lg"
                    >
                      {s.integration.name}
                    </Link>
                    <StateBadge status={s} />
                    <span className="basis-full text-xs text-slate-600 sm:basis-auto sm:ml-auto 2xl:text-sm">
                      {s.integration.state === "connected" ? (
                        <>
                          <LastSync status={s} />
                          {s.health.nextSyncAt && s.health.nextSyncMode && (
                            <>
                              {" "}
                              · next {s.health.nextSyncMode} <Time value={s.health.nextSyncAt} format="relative" />
                            </>
                          )}
                        </>
                      ) : (
                        <>
                          Disconnected <Time value={s.integration.disconnectedAt} format="relative" />
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
            <Card data-testid="dashboard-problems">
              <CardHeader
                title="Open problems"
                description={problems.length ? `${problems.length} to fix, each with its fix.` : "Nothing needs attention."}
              />
              {problems.length ? (
                <ul className="divide-y divide-slate-100 px-5">
                  {problems.map((p) => (
                    <ProblemItem key={p.key} p={p} />
                  ))}
                </ul>
              ) : (
                <p className="flex items-center gap-2 px-5 pb-4 text-sm text-emerald-700">
                  <CheckIcon size={16} aria-hidden="true" /> Every connected org synced completely in its last run.
                </p>
              )}
            </Card>
          </div>
          {d.hygiene ? (
            <Hygiene h={d.hygiene} />
          ) : (
            <Card>
              <CardHeader title="Identity hygiene" description="Counted once a sync has imported people." />
            </Card>
          )}
          <Card data-testid="dashboard-changes">
            <CardHeader title="Latest changes" description="What the newest syncs added, changed and removed, newest first." />
            {d.latestChanges.length ? (
              <ul className="divide-y divide-slate-100">
                {d.latestChanges.map((c) => (
                  <li
                    key={`${c.integrationId}:${c.id}`}
                    className="grid grid-cols-[5.5rem_1fr] items-baseline gap-x-3 gap-y-0.5 px-5 py-2 text-sm md:grid-cols-[5.5rem_10rem_1fr_auto]"
                    data-testid="dash-change"
                  >
                    <span>
                      <Badge tone={CHANGE[c.change].tone}>{CHANGE[c.change].label}</Badge>
                    </span>
                    <span className="hidden text-xs text-slate-500 md:inline">{RESOURCE_REGISTRY[c.resource].title}</span>
                    <ChangeLine c={c} integrationId={c.integrationId} />
                    <span className="col-start-2 text-xs whitespace-nowrap text-slate-500 md:col-start-auto md:text-right">
                      <span className="md:hidden">{RESOURCE_REGISTRY[c.resource].title} · </span>
                      {d.integrations.length > 1 && <>{names[c.integrationId]} · </>}
                      <Link href={links.run(c.integrationId, c.runId)} className="hover:underline">
                        <Time value={c.at} format="relative" />
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="flex items-center gap-2 px-5 pb-4 text-sm text-slate-500">
                <InfoIcon size={16} aria-hidden="true" /> No changes recorded yet.
              </p>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
