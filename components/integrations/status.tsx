// One integration's state in the words and colours its own page uses: the state badge (Queued,
// Syncing, Connected, Partial, Error, Disconnected), when it last synced, and its open problems each
// with the fix. Shared by the integrations list and the home dashboard.
import Link from "next/link";
import { AlertIcon, Badge, Time, type Tone } from "@/components/ui";
import type { IntegrationStatus } from "@/lib/integrations/status-contracts";
import { links } from "@/lib/links";
import { HEALTH_LABELS, type HealthState } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";

export const STATE_TONE: Record<HealthState, Tone> = {
  connected: "success",
  syncing: "info",
  partial: "warning",
  error: "danger",
  disconnected: "neutral",
};

export function StateBadge({ status: s }: { status: IntegrationStatus }) {
  const state = s.health.state;
  const label = state === "syncing" && s.health.active?.status === "queued" ? "Queued" : HEALTH_LABELS[state];
  return (
    <span data-testid="state" data-state={state}>
      <Badge tone={STATE_TONE[state]} dot>
        {label}
      </Badge>
    </span>
  );
}

/** "Synced 5 minutes ago", or what happened instead. */
export function LastSync({ status: s }: { status: IntegrationStatus }) {
  const ok = s.health.lastSuccess;
  const ran = s.health.lastFinished;
  if (ok && (!ran || ran.id === ok.id))
    return (
      <>
        Synced <Time value={ok.finishedAt} format="relative" />
      </>
    );
  if (ran)
    return (
      <>
        Last run {ran.status} <Time value={ran.finishedAt} format="relative" />
        {ok && (
          <>
            {" "}
            · last complete <Time value={ok.finishedAt} format="relative" />
          </>
        )}
      </>
    );
  return <>{s.health.active ? "First sync in progress" : "Never synced"}</>;
}

export interface OpenProblem {
  key: string;
  integrationId: string;
  integration: string;
  title: string;
  message: string;
  fix: string;
  /** Where the fix starts (the troubleshooting wizard, or the integration page). */
  href: string;
  tone: "warning" | "danger";
}

/** What needs doing about one integration, each with its fix. A disconnected one has none. */
export function openProblems(s: IntegrationStatus): OpenProblem[] {
  const i = s.integration;
  if (i.state !== "connected") return [];
  const base = { integrationId: i.id, integration: i.name };
  const out: OpenProblem[] = s.problems.map((p) => ({
    ...base,
    key: `${i.id}:${p.resource}`,
    title: RESOURCE_REGISTRY[p.resource].title,
    message: p.message,
    fix: p.fix ?? "Sync now.",
    href: links.troubleshoot(i.id, p.symptom),
    tone: p.status === "failing" ? "danger" : "warning",
  }));
  if (s.health.state === "error" && !s.problems.length)
    out.push({
      ...base,
      key: `${i.id}:run`,
      title: "Last sync failed",
      message: s.health.reason,
      fix: "Sync now; if it fails again, run Troubleshoot.",
      href: links.troubleshoot(i.id),
      tone: "danger",
    });
  if (s.health.overdue)
    out.push({
      ...base,
      key: `${i.id}:overdue`,
      title: "Scheduled sync overdue",
      message: "The next scheduled sync is more than five minutes late.",
      fix: "Check that the console's sync workers are running (RUN_WORKERS, or npm run worker).",
      href: links.overview(i.id),
      tone: "warning",
    });
  if (!s.health.lastFinished && !s.health.active)
    out.push({
      ...base,
      key: `${i.id}:never`,
      title: "Not synced yet",
      message: "No sync has finished, so nothing is imported.",
      fix: "Sync now on the integration's page.",
      href: links.overview(i.id),
      tone: "warning",
    });
  return out;
}

export function ProblemItem({ p, named = true }: { p: OpenProblem; named?: boolean }) {
  return (
    <li className="flex items-start gap-3 py-2.5" data-testid="problem">
      <AlertIcon
        size={16}
        className={p.tone === "danger" ? "mt-0.5 shrink-0 text-red-600" : "mt-0.5 shrink-0 text-amber-600"}
        aria-hidden="true"
      />
      <div className="min-w-0 text-sm">
        <p className="font-medium text-slate-900">
          {named && <span className="text-slate-600">{p.integration} · </span>}
          {p.title}
        </p>
        <p className="text-slate-700">{p.message}</p>
        <p className="mt-0.5 text-slate-700">
          <span className="font-medium">Fix: </span>
          {p.fix}{" "}
          <Link href={p.href} className="whitespace-nowrap text-brand-700 hover:underline">
            {p.href.includes("/troubleshoot") ? "Troubleshoot" : "Open"}
          </Link>
        </p>
      </div>
    </li>
  );
}
