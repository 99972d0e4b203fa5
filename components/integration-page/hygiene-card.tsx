"use client";
// Identity hygiene on the integration page: admin role holders, dormant and never-used accounts,
// deactivated people who still hold access, locked-out and expired passwords. Every number opens the
// directory's people list with the same filters (and the same cut-off days), so the list is as long
// as the number; Unused access opens the per-app view. Fetched on its own, less often than the
// overview: these numbers move with syncs, not by the second.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, CountGroup, CountLine } from "@/components/ui";
import { api } from "@/lib/api/client";
import { links, type PeopleFilters } from "@/lib/links";
import { hygieneSchema } from "@/lib/overview/contracts";
import { integrationKeys } from "./queries";

export function useHygiene(id: string) {
  return useQuery({
    queryKey: integrationKeys.hygiene(id),
    queryFn: ({ signal }) => api(`/api/directory/hygiene?integrationId=${encodeURIComponent(id)}`, { schema: hygieneSchema, signal }),
    refetchInterval: 60_000,
  });
}

export function HygieneCard({ id }: { id: string }) {
  const { data: h, error } = useHygiene(id);
  const people = (f: PeopleFilters) => links.people({ ...f, integrationId: id });
  return (
    <section aria-labelledby="hygiene-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="hygiene-title" className="text-sm font-semibold text-slate-900">
          Identity hygiene
        </h2>
        <p className="text-xs text-slate-500">Accounts worth a look; each number opens the people behind it.</p>
      </div>
      <Card className="px-4 py-3" data-testid="hygiene-card">
        {!h ? (
          <p className="py-2 text-sm text-slate-500">{error ? `Could not load these numbers: ${error.message}` : "Counting…"}</p>
        ) : (
          <div className="grid grid-cols-1 gap-x-8 gap-y-4 md:grid-cols-2 xl:grid-cols-4">
            <CountGroup title="Admins">
              <CountLine
                label="Admin role holders"
                hint="Directly or through a group"
                value={h.admins.holders}
                href={people({ adminRole: "any" })}
                testId="hygiene-admins"
              />
              <CountLine
                label="No sign-in for 30 days"
                value={h.admins.noRecentSignIn}
                href={people({ adminRole: "any", signedInBefore: h.days.admin })}
                tone="danger"
                testId="hygiene-admins-stale"
              />
            </CountGroup>
            <CountGroup title="Dormant active accounts">
              {(
                [
                  ["No sign-in for 30 days", h.dormant.d30, h.days.d30, "d30"],
                  ["No sign-in for 60 days", h.dormant.d60, h.days.d60, "d60"],
                  ["No sign-in for 90 days", h.dormant.d90, h.days.d90, "d90"],
                ] as const
              ).map(([label, n, day, key]) => (
                <CountLine
                  key={key}
                  label={label}
                  value={n}
                  href={people({ status: "ACTIVE", signedInBefore: day })}
                  tone="warning"
                  testId={`hygiene-dormant-${key}`}
                />
              ))}
              <CountLine
                label="Never signed in"
                value={h.dormant.never}
                href={people({ status: "ACTIVE", neverSignedIn: "true" })}
                tone="warning"
                testId="hygiene-never"
              />
            </CountGroup>
            <CountGroup title="Deactivated, still holding access">
              <CountLine
                label="In Okta groups"
                value={h.deactivated.inOktaGroups}
                href={people({ status: "DEPROVISIONED", inOktaGroups: "true" })}
                tone="warning"
                testId="hygiene-deactivated-groups"
              />
              <CountLine
                label="Assigned apps"
                value={h.deactivated.withApps}
                href={people({ status: "DEPROVISIONED", hasApps: "true" })}
                tone="danger"
                testId="hygiene-deactivated-apps"
              />
            </CountGroup>
            <CountGroup title="Can't sign in">
              <CountLine
                label="Locked out"
                value={h.lockedOut}
                href={people({ status: "LOCKED_OUT" })}
                tone="warning"
                testId="hygiene-locked"
              />
              <CountLine
                label="Password expired"
                value={h.passwordExpired}
                href={people({ status: "PASSWORD_EXPIRED" })}
                tone="warning"
                testId="hygiene-expired"
              />
            </CountGroup>
          </div>
        )}
        <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-600">
          Apps people are assigned but do not use:{" "}
          <Link
            href={links.unusedAccess({ integrationId: id })}
            className="font-medium text-brand-700 hover:underline"
            data-testid="hygiene-unused"
          >
            Unused access
          </Link>
        </p>
      </Card>
    </section>
  );
}
