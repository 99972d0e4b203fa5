import { AlertIcon, CheckIcon, cn } from "@/components/ui";
import { type ScopeResult, scopeLabel } from "@/lib/integrations/contracts";

/** Each requested scope as working or not, with Okta's reason and identifiers. */
export function ScopeResults({ results }: { results: ScopeResult[] }) {
  if (!results.length) return <p className="text-sm text-slate-500">No scopes were checked.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Scope check results">
      {results.map((r) => (
        <li key={r.scope} className="flex items-start gap-3 py-2.5" data-testid={`scope-${r.scope}`} data-ok={r.ok}>
          <span
            className={cn(
              "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full",
              r.ok ? "bg-emerald-100 text-emerald-700" : "bg-amber-100 text-amber-700",
            )}
          >
            {r.ok ? <CheckIcon size={13} /> : <AlertIcon size={13} />}
          </span>
          <div className="min-w-0 text-sm">
            <p>
              <span className="font-medium text-slate-900">{scopeLabel(r.scope)}</span>{" "}
              <code className="font-mono text-xs text-slate-500">{r.scope}</code>{" "}
              <span className={r.ok ? "text-emerald-700" : "text-amber-800"}>— {r.ok ? "working" : "not working"}</span>
            </p>
            {!r.ok && <p className="mt-0.5 text-slate-600">{r.reason}</p>}
            {r.okta && (r.okta.errorCode || r.okta.errorId || r.okta.oauthError) && (
              <p className="mt-0.5 font-mono text-xs text-slate-500">
                {[
                  r.okta.status && `HTTP ${r.okta.status}`,
                  r.okta.errorCode,
                  r.okta.oauthError,
                  r.okta.errorId && `errorId ${r.okta.errorId}`,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
