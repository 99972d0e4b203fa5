import Link from "next/link";
import { Badge, Card, ChevronRightIcon, OktaMark, Time } from "@/components/ui";
import { type IntegrationView, METHOD_LABEL } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";

/** The workspace's Okta integrations (several orgs possible), connected first. */
export function ConnectedIntegrations({ items }: { items: IntegrationView[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="connected-heading">
      <h2 id="connected-heading" className="mb-3 text-sm font-semibold text-slate-900">
        Your integrations
      </h2>
      <Card>
        <ul className="divide-y divide-slate-100">
          {items.map((i) => {
            const missing = i.scopeResults.filter((s) => !s.ok).length;
            return (
              <li key={i.id}>
                <Link href={links.overview(i.id)} className="flex items-center gap-4 px-5 py-3.5 hover:bg-slate-50">
                  <OktaMark size={32} />
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      {i.name}
                      <Badge tone={i.state === "disconnected" ? "neutral" : missing ? "warning" : "success"} dot>
                        {i.state === "disconnected"
                          ? "Disconnected"
                          : missing
                            ? `Connected · ${missing} scope${missing > 1 ? "s" : ""} not working`
                            : "Connected"}
                      </Badge>
                    </p>
                    <p className="truncate text-xs text-slate-500">
                      {i.domain} · {METHOD_LABEL[i.auth.method]}
                      {i.auth.usesDpop ? " (DPoP)" : ""} ·{" "}
                      {i.state === "disconnected" ? (
                        <>
                          disconnected <Time value={i.disconnectedAt} />
                        </>
                      ) : (
                        <>
                          verified <Time value={i.verifiedAt} />
                        </>
                      )}
                    </p>
                  </div>
                  <ChevronRightIcon size={16} className="text-slate-400" />
                </Link>
              </li>
            );
          })}
        </ul>
      </Card>
    </section>
  );
}
