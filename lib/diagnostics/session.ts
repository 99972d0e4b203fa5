// A prepared wizard run: the plan is known up front (so the UI can list the checks before they run),
// `run` executes them in order and reports each line as it happens. Every line is parsed through the
// strict contracts, so nothing undeclared (let alone a secret) can be serialized.

import type { CheckContext, CheckDef } from "./check-def";
import {
  checkResult,
  type DiagnosticsResult,
  diagnosticsResult,
  notRunItem,
  type PlannedCheck,
  type StreamLine,
  type Symptom,
} from "./contracts";
import { planned, runChecks } from "./engine";
import type { Probes } from "./probes";

export interface DiagnosticsSession {
  symptom: Symptom;
  plan: PlannedCheck[];
  run(onLine?: (line: StreamLine) => void): Promise<DiagnosticsResult>;
}

export function createSession(opts: {
  symptom: Symptom;
  ctx: CheckContext;
  defs: CheckDef[];
  probes: Probes;
  integrationId: string | null;
  onDone?: (result: DiagnosticsResult, durationMs: number) => Promise<void>;
}): DiagnosticsSession {
  const plan = planned(opts.defs, opts.ctx);
  return {
    symptom: opts.symptom,
    plan,
    async run(onLine = () => {}) {
      const started = new Date();
      const { checks, notRun } = await runChecks(opts.defs, opts.ctx, opts.probes, (p) => {
        if (p.type === "check") onLine({ type: "check", check: checkResult.parse(p.check) });
        else if (p.type === "not_run") onLine({ type: "not_run", item: notRunItem.parse(p.item) });
        else onLine(p);
      });
      const count = (s: string) => checks.filter((c) => c.status === s).length;
      const result = diagnosticsResult.parse({
        symptom: opts.symptom,
        integrationId: opts.integrationId,
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        checks,
        notRun,
        counts: { pass: count("pass"), warn: count("warn"), fail: count("fail"), notRun: notRun.length },
      });
      await opts.onDone?.(result, Date.now() - started.getTime());
      onLine({ type: "done", result });
      return result;
    },
  };
}
