import { Alert } from "@/components/ui";
import type { Diagnosis, ScopeResult } from "@/lib/integrations/contracts";
import { ScopeResults } from "./scope-results";

const LABELS: Record<string, string> = {
  status: "HTTP status",
  errorCode: "Okta errorCode",
  errorSummary: "Okta errorSummary",
  errorId: "Okta errorId",
  oauthError: "OAuth error",
  oauthErrorDescription: "OAuth error description",
  requestId: "X-Okta-Request-Id",
  networkReason: "Network",
  path: "Request",
};

/** Why verification failed, in plain words, what to do, and exactly what Okta answered. */
export function DiagnosisPanel({ diagnosis, scopes }: { diagnosis: Diagnosis; scopes?: ScopeResult[] }) {
  const details = Object.entries(diagnosis.okta ?? {}).filter(([, v]) => v !== undefined && v !== "");
  return (
    <div data-testid="diagnosis" data-code={diagnosis.code}>
      <Alert tone="danger" title={diagnosis.title}>
        <p>{diagnosis.message}</p>
        <p className="mt-2">
          <span className="font-medium">How to fix it: </span>
          {diagnosis.fix}
        </p>
        {details.length > 0 && (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
            {details.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-red-800/80">{LABELS[k] ?? k}</dt>
                <dd className="font-mono break-all">{String(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Alert>
      {scopes && scopes.length > 0 && (
        <div className="mt-4">
          <h3 className="mb-1 text-sm font-semibold text-slate-900">Scopes checked</h3>
          <ScopeResults results={scopes} />
        </div>
      )}
    </div>
  );
}
