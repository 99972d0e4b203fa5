"use client";
// Which actions on Okta this integration's credentials allow: read-only (actions off), or per action
// kind allowed or not, with the reason (a manage scope not granted, an admin role that may not).
import Link from "next/link";
import { Badge, Card, CardBody, CardHeader, CheckIcon, InfoIcon } from "@/components/ui";
import { ACTION_KINDS, type ActionKind } from "@/db/enums";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { whyNotAllowed } from "@/lib/integrations/allowed-actions";
import type { IntegrationView } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";

const AREAS: { title: string; prefix: string }[] = [
  { title: "People", prefix: "user." },
  { title: "Groups", prefix: "group." },
  { title: "Apps", prefix: "app." },
];

export function AllowedActionsCard({ integration: i, isAdmin }: { integration: IntegrationView; isAdmin: boolean }) {
  const allowed = new Set<ActionKind>(i.allowedActions);
  const facts = { state: i.state, allowActions: i.allowActions, adminRoles: i.adminRoles, scopeResults: i.scopeResults };
  return (
    <Card data-testid="allowed-actions">
      <CardHeader
        title="Actions on Okta"
        description={
          i.allowActions
            ? `${allowed.size} of ${ACTION_KINDS.length} actions are allowed by the credentials${
                i.adminRoles ? ` (admin role${i.adminRoles.length === 1 ? "" : "s"}: ${i.adminRoles.join(", ") || "none"})` : ""
              }.`
            : "Read-only: this integration does not act on Okta."
        }
      />
      <CardBody>
        {!i.allowActions ? (
          <p className="flex items-start gap-1.5 text-sm text-slate-600">
            <InfoIcon size={15} className="mt-0.5 shrink-0" aria-hidden="true" />
            <span>
              Actions are off.{" "}
              {isAdmin ? (
                <>
                  To suspend people, reset passwords or change groups and app assignments from the console, turn on{" "}
                  <Link href={links.edit(i.id)} className="font-medium underline">
                    Allow actions
                  </Link>
                  .
                </>
              ) : (
                "An admin can turn on “Allow actions” in the integration's settings."
              )}
            </span>
          </p>
        ) : (
          <div className="grid gap-4 md:grid-cols-3">
            {AREAS.map((a) => {
              const kinds = ACTION_KINDS.filter((k) => k.startsWith(a.prefix));
              // One line per distinct reason, under the list: kinds that share a missing scope say it once.
              const reasons = [...new Set(kinds.flatMap((k) => (allowed.has(k) ? [] : [whyNotAllowed(facts, k) ?? ""])))].filter(Boolean);
              return (
                <section key={a.prefix} aria-label={a.title}>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{a.title}</h3>
                  <ul className="mt-1.5 space-y-1">
                    {kinds.map((k) => (
                      <li key={k} className="text-sm" data-testid={`action-${k}`} data-allowed={allowed.has(k)}>
                        <span className="flex items-center gap-1.5">
                          {allowed.has(k) ? (
                            <CheckIcon size={13} className="shrink-0 text-emerald-600" aria-hidden="true" />
                          ) : (
                            <Badge tone="neutral">Not allowed</Badge>
                          )}
                          <span className={allowed.has(k) ? "text-slate-900" : "text-slate-500"}>{ACTION_KIND_INFO[k].label}</span>
                        </span>
                      </li>
                    ))}
                  </ul>
                  {reasons.map((r) => (
                    <p key={r} className="mt-1.5 text-xs text-slate-500" data-testid="not-allowed-reason">
                      {r}
                    </p>
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
