"use client";
// The Scopes card: per requested scope, the verdict (working, not working, not known yet, or not in
// use once disconnected) with what the last credentials check and the last sync each found, so it
// agrees with the health table. Live: it follows the polled overview.
import { AlertIcon, Badge, Card, CardBody, CardHeader, CheckIcon, InfoIcon, Time, type Tone } from "@/components/ui";
import { type IntegrationView, scopeLabel } from "@/lib/integrations/contracts";
import { useOverview } from "./queries";
import { type ScopeFinding, type ScopeVerdict, scopeStatuses } from "./scope-status";

const VERDICT: Record<ScopeVerdict, { label: string; tone: Tone }> = {
  working: { label: "Working", tone: "success" },
  not_working: { label: "Not working", tone: "warning" },
  unknown: { label: "Not checked yet", tone: "neutral" },
  unused: { label: "Not in use", tone: "neutral" },
};

function Finding({ label, f }: { label: string; f: ScopeFinding | null }) {
  if (!f) return null;
  return (
    <p className="mt-0.5 flex items-start gap-1.5 text-xs text-slate-600">
      {f.ok ? (
        <CheckIcon size={13} className="mt-px shrink-0 text-emerald-600" aria-hidden="true" />
      ) : (
        <AlertIcon size={13} className="mt-px shrink-0 text-amber-600" aria-hidden="true" />
      )}
      <span>
        <span className="font-medium text-slate-700">{label}</span>
        {f.at && (
          <>
            {" "}
            (<Time value={f.at} format="relative" />)
          </>
        )}
        : {f.text}
      </span>
    </p>
  );
}

export function ScopesCard({ integration: i }: { integration: IntegrationView }) {
  const { data: o } = useOverview(i.id);
  const connected = i.state === "connected";
  if (!o) return null;
  const rows = scopeStatuses({ scopes: i.scopes, results: i.scopeResults, verifiedAt: i.verifiedAt, health: o.health, connected });
  return (
    <Card data-testid="scopes-card">
      <CardHeader
        title="Scopes"
        description={
          connected
            ? "What the last check of the credentials and the last sync found; the newer one decides."
            : "Disconnected: the credentials were deleted, so no scope is in use."
        }
      />
      <CardBody>
        {connected &&
        rows.length > 0 &&
        rows.every((r) => r.verdict === "working" && (!r.sync || r.sync.ok) && (!r.check || r.check.ok)) ? (
          // All is well: one line per fact, the scopes as chips.
          <>
            <p className="flex items-start gap-1.5 text-sm text-slate-700">
              <CheckIcon size={15} className="mt-0.5 shrink-0 text-emerald-600" aria-hidden="true" />
              All {rows.length} scopes work:{" "}
              {rows.some((r) => r.sync)
                ? "the last sync read with each, and the last check of the credentials passed."
                : "the last check of the credentials passed."}
            </p>
            <ul className="mt-3 flex flex-wrap gap-2" aria-label="Scopes">
              {rows.map((r) => (
                <li key={r.scope} data-testid={`scope-${r.scope}`} data-verdict={r.verdict} data-source={r.source ?? ""}>
                  <Badge tone="success" dot>
                    <span className="font-mono">{r.scope}</span>
                  </Badge>
                </li>
              ))}
            </ul>
          </>
        ) : rows.length === 0 ? (
          <p className="text-sm text-slate-500">No scopes were requested.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Scopes">
            {rows.map((r) => {
              const v = VERDICT[r.verdict];
              return (
                <li key={r.scope} className="py-2.5" data-testid={`scope-${r.scope}`} data-verdict={r.verdict} data-source={r.source ?? ""}>
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium text-slate-900">{scopeLabel(r.scope)}</span>
                    <code className="font-mono text-xs text-slate-500">{r.scope}</code>
                    <span className="ml-auto">
                      <Badge tone={v.tone} dot>
                        {v.label}
                      </Badge>
                    </span>
                  </div>
                  {connected ? (
                    r.verdict === "working" && (!r.sync || r.sync.ok) && (!r.check || r.check.ok) ? (
                      // All is well: one line says what proved it.
                      <p className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-600">
                        <CheckIcon size={13} className="shrink-0 text-emerald-600" aria-hidden="true" />
                        {[r.sync && `${r.sync.text} in the last sync`, r.check && "passed the last check"].filter(Boolean).join("; ")}.
                      </p>
                    ) : (
                      <div className="mt-1">
                        <Finding label="Last sync" f={r.sync} />
                        <Finding label="Last check" f={r.check} />
                      </div>
                    )
                  ) : (
                    <p className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
                      <InfoIcon size={13} aria-hidden="true" /> Last checked <Time value={i.verifiedAt} /> before the disconnect.
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
