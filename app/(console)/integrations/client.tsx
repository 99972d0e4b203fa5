"use client";
import { Badge, ButtonLink, Card, OktaMark, PlusIcon, ShieldIcon } from "@/components/ui";
import { links } from "@/lib/links";

const SYNCS = [
  { label: "Users", detail: "profiles, status, last sign-in" },
  { label: "Groups", detail: "and their memberships" },
  { label: "Applications", detail: "with user and group assignments" },
  { label: "Admin roles", detail: "standard and custom role assignments" },
  { label: "Identity providers", detail: "social and enterprise IdPs" },
  { label: "Sign-in activity", detail: "from the System Log" },
];

/** The catalog entry for Okta: what it syncs, its state, and Connect for admins. */
function OktaCard({ isAdmin, connected }: { isAdmin: boolean; connected: number }) {
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-col gap-6 p-6 lg:flex-row lg:items-start">
        <div className="flex min-w-0 flex-1 gap-4">
          <OktaMark size={48} />
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-base font-semibold text-slate-900">Okta</h3>
              <Badge tone={connected ? "success" : "neutral"} dot>
                {connected ? `${connected} connected` : "Not connected"}
              </Badge>
            </div>
            <p className="mt-1 max-w-xl text-sm text-slate-600">
              Workforce identity. Syncs your org&apos;s directory and sign-in activity on a schedule, with read-only API access.
            </p>
            <ul className="mt-4 grid grid-cols-1 gap-x-8 gap-y-2 sm:grid-cols-2" aria-label="What the Okta integration syncs">
              {SYNCS.map((s) => (
                <li key={s.label} className="flex items-baseline gap-2 text-sm">
                  <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-500" aria-hidden="true" />
                  <span>
                    <span className="font-medium text-slate-800">{s.label}</span> <span className="text-slate-500">— {s.detail}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="flex shrink-0 flex-col items-start gap-2 lg:items-end">
          {isAdmin ? (
            <ButtonLink href={links.connect()}>
              <PlusIcon size={16} /> {connected ? "Connect another Okta org" : "Connect Okta"}
            </ButtonLink>
          ) : (
            <p className="max-w-56 text-sm text-slate-500 lg:text-right">
              Only admins can connect an integration. Ask an admin of your workspace.
            </p>
          )}
        </div>
      </div>
      <div className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3 text-xs text-slate-500">
        <ShieldIcon size={14} className="text-slate-400" />
        Credentials are encrypted at rest, never shown again after you save them, and deleted when you disconnect.
      </div>
    </Card>
  );
}

/**
 * Connected integrations (from GET /api/integrations) go above the catalog; the catalog lists what
 * can be connected.
 */
export function IntegrationsClient({ isAdmin, connected = 0 }: { isAdmin: boolean; connected?: number }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="catalog-heading">
        <h2 id="catalog-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Available integrations
        </h2>
        <OktaCard isAdmin={isAdmin} connected={connected} />
      </section>
    </div>
  );
}
