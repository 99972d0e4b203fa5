"use client";
// Per resource: OK, a missing scope (which one, and the exact fix), no permission, or failing with
// what Okta said (errorCode, errorId, HTTP status). Problems link to the matching troubleshooting.
// When every resource synced, the card is one line (the table a click away).
import Link from "next/link";
import { useState } from "react";
import { Badge, Button, Card, CardHeader, CheckIcon, cn, Table, TBody, TD, TH, THead, Time, TR } from "@/components/ui";
import { links } from "@/lib/links";
import type { ResourceHealth as Item, Overview } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { HEALTH } from "./labels";

export function OktaSaid({ okta }: { okta: Item["okta"] }) {
  if (!okta) return null;
  const parts = [okta.status ? `HTTP ${okta.status}` : null, okta.errorCode, okta.errorId ? `errorId ${okta.errorId}` : null].filter(
    Boolean,
  );
  return (
    <p className="mt-1 font-mono text-xs break-all text-slate-500">
      {parts.join(" · ")}
      {okta.errorSummary && <span className="font-sans"> — “{okta.errorSummary}”</span>}
    </p>
  );
}

export function ResourceHealth({ overview, isAdmin, connected }: { overview: Overview; isAdmin: boolean; connected: boolean }) {
  const items = overview.health.resources;
  const problems = items.filter((r) => r.status !== "ok" && r.status !== "not_synced").length;
  const never = !overview.health.lastFinished;
  const allOk = !never && items.every((r) => r.status === "ok");
  const [open, setOpen] = useState(false);
  if (allOk && !open)
    return (
      <Card data-testid="health-summary" className="flex flex-wrap items-center gap-3 px-5 py-3">
        <span className="flex size-6 items-center justify-center rounded-full bg-emerald-100 text-emerald-700" aria-hidden="true">
          <CheckIcon size={14} />
        </span>
        <p className="min-w-48 flex-1 text-sm text-slate-700">
          <span className="font-semibold text-slate-900">Health by resource:</span> all {items.length} resources synced completely in the
          last run.
        </p>
        <Button variant="ghost" size="sm" aria-expanded={false} onClick={() => setOpen(true)}>
          Show each resource
        </Button>
      </Card>
    );
  return (
    <Card data-testid="health-table">
      <CardHeader
        title="Health by resource"
        description={
          never
            ? "Each resource is checked when a sync finishes; none has finished yet."
            : problems
              ? `${problems} of ${items.length} resources need attention; the rest synced in the last run.`
              : "Every resource synced completely in the last run."
        }
        actions={
          allOk ? (
            <Button variant="ghost" size="sm" aria-expanded onClick={() => setOpen(false)}>
              Hide
            </Button>
          ) : problems && isAdmin && connected ? (
            <Link href={links.troubleshoot(overview.integrationId)} className="text-sm text-brand-700 hover:underline">
              Troubleshoot
            </Link>
          ) : undefined
        }
      />
      <Table label="Health by resource">
        <THead>
          <TH className="w-44">Resource</TH>
          <TH className="w-32">Health</TH>
          <TH>What happened</TH>
          <TH className="w-36">Last synced</TH>
        </THead>
        <TBody>
          {items.map((r) => {
            const h = HEALTH[r.status];
            const bad = r.status === "missing_scope" || r.status === "no_permission" || r.status === "failing";
            return (
              <TR key={r.resource} className={cn(bad && (r.status === "failing" ? "bg-red-50/40" : "bg-amber-50/40"))}>
                <TD className="font-medium text-slate-900">
                  <span data-testid={`health-${r.resource}`} data-status={r.status}>
                    {RESOURCE_REGISTRY[r.resource].title}
                  </span>
                </TD>
                <TD>
                  <Badge tone={h.tone} dot>
                    {h.label}
                  </Badge>
                </TD>
                <TD className="min-w-56 text-sm">
                  {r.status === "ok" ? (
                    <span className="text-slate-500">{r.message}</span>
                  ) : (
                    <>
                      <p className="text-slate-800">{r.message}</p>
                      {r.fix && connected && (
                        <p className="mt-0.5 text-slate-700" data-testid={`fix-${r.resource}`}>
                          <span className="font-medium">Fix: </span>
                          {r.fix}
                          {r.symptom && isAdmin && connected && (
                            <>
                              {" "}
                              <Link
                                href={links.troubleshoot(overview.integrationId, r.symptom)}
                                className="whitespace-nowrap text-brand-700 hover:underline"
                              >
                                Troubleshoot this
                              </Link>
                            </>
                          )}
                        </p>
                      )}
                      <OktaSaid okta={r.okta} />
                    </>
                  )}
                </TD>
                <TD className="text-xs text-slate-500">
                  <Time value={r.lastSucceededAt} format="relative" />
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
