"use client";
// The state of one wizard run, fed by the NDJSON lines: the plan, which check is running, each result.
import { useReducer, useRef } from "react";
import type { CheckId, CheckResult, DiagnosticsResult, NotRunItem, PlannedCheck, StreamLine, Symptom } from "@/lib/diagnostics/contracts";
import { streamDiagnostics } from "./stream";

export interface RunState {
  phase: "idle" | "running" | "done" | "error";
  symptom: Symptom | null;
  plan: PlannedCheck[];
  running: CheckId | null;
  results: Partial<Record<CheckId, CheckResult>>;
  notRun: Partial<Record<CheckId, NotRunItem>>;
  result: DiagnosticsResult | null;
  error: string | null;
}

const initial: RunState = { phase: "idle", symptom: null, plan: [], running: null, results: {}, notRun: {}, result: null, error: null };

type Action = { type: "start"; symptom: Symptom } | { type: "line"; line: StreamLine } | { type: "error"; message: string };

function reduce(s: RunState, a: Action): RunState {
  switch (a.type) {
    case "start":
      return { ...initial, phase: "running", symptom: a.symptom };
    case "error":
      return { ...s, phase: "error", running: null, error: a.message };
    case "line": {
      const l = a.line;
      if (l.type === "plan") return { ...s, plan: l.checks };
      if (l.type === "running") return { ...s, running: l.id };
      if (l.type === "check") return { ...s, running: null, results: { ...s.results, [l.check.id]: l.check } };
      if (l.type === "not_run") return { ...s, notRun: { ...s.notRun, [l.item.id]: l.item } };
      if (l.type === "done") return { ...s, phase: "done", running: null, result: l.result };
      return { ...s, phase: "error", running: null, error: l.error.message };
    }
  }
}

export function useDiagnostics(endpoint: string, baseBody: Record<string, unknown> = {}) {
  const [state, dispatch] = useReducer(reduce, initial);
  const abort = useRef<AbortController | null>(null);
  // Called from event handlers only, so it needs no stable identity (baseBody is read when it runs).
  const run = async (symptom: Symptom) => {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    dispatch({ type: "start", symptom });
    try {
      await streamDiagnostics(endpoint, { ...baseBody, symptom }, (line) => dispatch({ type: "line", line }), ctl.signal);
    } catch (e) {
      if ((e as Error).name !== "AbortError") dispatch({ type: "error", message: (e as Error).message });
    }
  };
  return { state, run };
}
