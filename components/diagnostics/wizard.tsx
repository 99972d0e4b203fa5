"use client";
// The troubleshooting wizard: pick a symptom, watch the checks run one after another against Okta, read
// each verdict with its evidence and fix, then "Run the checks again" and "Sync now". Works for a saved
// integration and, given the connect form's values as `baseBody`, for a connection that failed to verify.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useEffectEvent, useState } from "react";
import { Alert, Button, Card, CardHeader, RefreshIcon } from "@/components/ui";
import { api } from "@/lib/api/client";
import { SYMPTOM_INFO, type Symptom } from "@/lib/diagnostics/contracts";
import { links } from "@/lib/links";
import { CheckRow } from "./check-row";
import { SymptomPicker } from "./symptom-picker";
import { type RunState, useDiagnostics } from "./use-diagnostics";

function Summary({ state }: { state: RunState }) {
  if (state.phase === "error")
    return (
      <Alert tone="danger" title="The checks stopped">
        {state.error}
      </Alert>
    );
  if (state.phase !== "done" || !state.result) return null;
  const { fail, warn, notRun } = state.result.counts;
  const failing = state.result.checks.filter((c) => c.status === "fail");
  if (fail)
    return (
      <Alert tone="danger" title={`${fail} problem${fail === 1 ? "" : "s"} found`}>
        {failing.map((c) => `“${c.title}” failed.`).join(" ")}{" "}
        {notRun ? `${notRun} check${notRun === 1 ? "" : "s"} could not run because of it. ` : ""}Fix what the failing check says, then run
        the checks again.
      </Alert>
    );
  if (warn)
    return (
      <Alert tone="warning" title={`No failures, ${warn} warning${warn === 1 ? "" : "s"}`}>
        Read the warnings below; they name what may still explain the symptom.
      </Alert>
    );
  return (
    <Alert tone="success" title="Everything checked out">
      Every check passed. If data is still missing, click Sync now and check again after it finishes.
    </Alert>
  );
}

export function DiagnosticsWizard({
  endpoint,
  baseBody,
  integrationId,
  initialSymptom = null,
  onSymptomChange,
  onFinished,
}: {
  endpoint: string;
  baseBody?: Record<string, unknown>;
  integrationId?: string;
  initialSymptom?: Symptom | null;
  onSymptomChange?: (s: Symptom) => void;
  /** After a run has finished (e.g. to refresh a list of earlier runs). */
  onFinished?: () => void;
}) {
  const [symptom, setSymptom] = useState<Symptom | null>(initialSymptom);
  const { state, run } = useDiagnostics(endpoint, baseBody);
  const sync = useMutation({ mutationFn: () => api(`/api/integrations/${integrationId}/syncs`, { method: "POST", body: {} }) });
  const busy = state.phase === "running";
  // Only the transition to "done" matters, not a new callback identity.
  const finished = useEffectEvent(() => onFinished?.());
  useEffect(() => {
    if (state.phase === "done") finished();
  }, [state.phase]);
  const done = Object.keys(state.results).length + Object.keys(state.notRun).length;
  const start = (s: Symptom) => {
    sync.reset();
    void run(s);
  };

  return (
    <div className="space-y-6">
      <Card>
        <div className="p-5">
          <SymptomPicker
            value={symptom}
            disabled={busy}
            onChange={(s) => {
              setSymptom(s);
              onSymptomChange?.(s);
            }}
          />
          <div className="mt-4 flex items-center gap-3">
            <Button onClick={() => symptom && start(symptom)} disabled={!symptom} loading={busy}>
              {busy ? "Running the checks…" : "Run the checks"}
            </Button>
            {!symptom && <span className="text-sm text-slate-500">Pick a symptom, or Check everything.</span>}
          </div>
        </div>
      </Card>

      {state.phase !== "idle" && (
        <Card aria-busy={busy} data-testid="diagnostics-run" data-phase={state.phase}>
          <CardHeader
            title={state.symptom ? SYMPTOM_INFO[state.symptom].label : "Checks"}
            description={
              busy
                ? `Running check ${Math.min(done + 1, state.plan.length || 1)} of ${state.plan.length || "…"} against Okta, one after another.`
                : state.phase === "done"
                  ? `${state.plan.length} checks run live against Okta and the console's records.`
                  : undefined
            }
          />
          {state.plan.length > 0 && (
            <div
              className="h-1 bg-slate-100"
              role="progressbar"
              aria-label="Checks done"
              aria-valuemin={0}
              aria-valuemax={state.plan.length}
              aria-valuenow={done}
            >
              <div className="h-1 bg-brand-500 transition-all" style={{ width: `${(done / state.plan.length) * 100}%` }} />
            </div>
          )}
          {/* The verdict first, then the rows it sums up: an admin reads what was found before the details. */}
          {(state.phase === "done" || state.phase === "error") && (
            <div className="space-y-4 border-b border-slate-200 bg-slate-50 px-5 py-4" data-testid="diagnostics-summary">
              <Summary state={state} />
              <div className="flex flex-wrap items-center gap-3">
                <Button variant="secondary" onClick={() => state.symptom && start(state.symptom)}>
                  <RefreshIcon size={16} /> Run the checks again
                </Button>
                {integrationId && (
                  <Button onClick={() => sync.mutate()} loading={sync.isPending} disabled={sync.isSuccess}>
                    Sync now
                  </Button>
                )}
                {sync.isSuccess && integrationId && (
                  <span className="text-sm text-slate-700" role="status">
                    Sync started. Follow it on the{" "}
                    <Link className="font-medium text-brand-700 underline" href={links.overview(integrationId)}>
                      integration page
                    </Link>
                    .
                  </span>
                )}
                {sync.isError && (
                  <span className="text-sm text-red-700" role="alert">
                    {sync.error.message}
                  </span>
                )}
              </div>
              {integrationId && state.phase === "done" && (
                <p className="text-xs text-slate-500">This run is kept in the integration&apos;s event log.</p>
              )}
            </div>
          )}
          <ol className="divide-y divide-slate-100" aria-label="Checks">
            {state.plan.map((p) => (
              <CheckRow key={p.id} planned={p} result={state.results[p.id]} notRun={state.notRun[p.id]} running={state.running === p.id} />
            ))}
          </ol>
        </Card>
      )}
    </div>
  );
}
