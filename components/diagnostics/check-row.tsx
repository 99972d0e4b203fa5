"use client";
import { useState } from "react";
import { AlertIcon, Badge, CheckIcon, ChevronDownIcon, ChevronRightIcon, cn, ExternalIcon, Spinner, XIcon } from "@/components/ui";
import type { CheckResult, NotRunItem, PlannedCheck } from "@/lib/diagnostics/contracts";

const STATUS = {
  pass: { tone: "success", label: "Pass", icon: <CheckIcon size={16} />, ring: "bg-emerald-50 text-emerald-600 ring-emerald-200" },
  warn: { tone: "warning", label: "Warning", icon: <AlertIcon size={16} />, ring: "bg-amber-50 text-amber-600 ring-amber-200" },
  fail: { tone: "danger", label: "Fail", icon: <XIcon size={16} />, ring: "bg-red-50 text-red-600 ring-red-200" },
} as const;

function Marker({ state }: { state: "pending" | "running" | "not_run" | CheckResult["status"] }) {
  if (state === "running") return <Spinner label="Running" size={18} className="size-7 justify-center" />;
  if (state === "pending" || state === "not_run")
    return (
      <span
        className={cn(
          "flex size-7 items-center justify-center rounded-full ring-1 ring-inset",
          state === "pending" ? "ring-slate-200" : "bg-slate-50 ring-slate-200",
        )}
        aria-hidden="true"
      />
    );
  return (
    <span className={cn("flex size-7 items-center justify-center rounded-full ring-1 ring-inset", STATUS[state].ring)} aria-hidden="true">
      {STATUS[state].icon}
    </span>
  );
}

/** One check of the plan: waiting, running, or its verdict with the evidence and the fix. */
export function CheckRow({
  planned,
  result,
  notRun,
  running,
}: {
  planned: PlannedCheck;
  result?: CheckResult;
  notRun?: NotRunItem;
  running: boolean;
}) {
  const problem = result && result.status !== "pass";
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = open ?? !!problem;
  const state = result ? result.status : notRun ? "not_run" : running ? "running" : "pending";
  return (
    <li data-testid={`check-${planned.id}`} data-status={state} className="flex gap-3 px-5 py-3.5">
      <Marker state={state} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 className={cn("text-sm font-medium", state === "pending" || state === "not_run" ? "text-slate-500" : "text-slate-900")}>
            {planned.title}
          </h3>
          {result && <Badge tone={STATUS[result.status].tone}>{STATUS[result.status].label}</Badge>}
          {running && <span className="text-xs text-slate-500">Checking…</span>}
          {result && <span className="ml-auto text-xs text-slate-500 tabular-nums">{result.durationMs} ms</span>}
        </div>
        {notRun && <p className="mt-0.5 text-sm text-slate-500">{notRun.reason}</p>}
        {result && <p className={cn("mt-0.5 text-sm", problem ? "text-slate-800" : "text-slate-600")}>{result.summary}</p>}
        {result && (result.evidence.length > 0 || result.fix) && (
          <button
            type="button"
            onClick={() => setOpen(!expanded)}
            aria-expanded={expanded}
            className="mt-1 inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800"
          >
            {expanded ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
            {expanded ? "Hide evidence" : "Show evidence"}
          </button>
        )}
        {result && expanded && (
          <div className="mt-2 space-y-3">
            {result.evidence.length > 0 && (
              <dl
                className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs"
                aria-label={`Evidence: ${planned.title}`}
              >
                {result.evidence.map((e) => (
                  <div key={`${e.label}:${e.value}`} className="contents">
                    <dt className="text-slate-500">{e.label}</dt>
                    <dd className="font-mono break-all text-slate-800">{e.value}</dd>
                  </div>
                ))}
              </dl>
            )}
            {result.fix && (
              <div
                className={cn(
                  "rounded-md border px-3 py-2 text-sm",
                  result.status === "fail"
                    ? "border-red-200 bg-red-50 text-red-900"
                    : result.status === "warn"
                      ? "border-amber-200 bg-amber-50 text-amber-900"
                      : "border-slate-200 bg-white text-slate-700",
                )}
              >
                <p>
                  <span className="font-medium">What to do: </span>
                  {result.fix}
                </p>
                {result.adminUrl && (
                  <a
                    href={result.adminUrl}
                    target="_blank"
                    rel="noreferrer noopener"
                    className="mt-1.5 inline-flex items-center gap-1 font-medium underline underline-offset-2"
                  >
                    Open in the Okta Admin Console <ExternalIcon size={14} />
                  </a>
                )}
              </div>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
