"use client";
// A request after it was made: its live status (read again until final), each target's outcome with
// Okta's errorCode, errorSummary and errorId when Okta refused, and a one-time link (activation or
// password reset made without email) that its requester can show once and copy.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useConsoleUser } from "@/components/shell/console-user";
import { Alert, Button, CopyButton, Spinner, Time } from "@/components/ui";
import type { ActionRequestDetail, ActionTargetView } from "@/lib/actions/contracts";
import { revealedSecret } from "@/lib/actions/contracts";
import { api } from "@/lib/api/client";
import { plural } from "@/lib/format";
import { links } from "@/lib/links";
import { RequestStatus, TargetStatus } from "./labels";
import { isFinal, useActionRequest, useRefreshAfterAction } from "./queries";

/** Okta's answer to a target, or the reason it was skipped, in a line. */
export function TargetError({ t }: { t: ActionTargetView }) {
  if (t.status === "skipped")
    return <span className="text-amber-800">{t.errorSummary ?? "Skipped: its state did not allow the action."}</span>;
  if (t.status !== "failed") return null;
  return (
    <span className="text-red-800" data-testid="okta-error">
      {t.errorSummary ?? "Okta refused the call."}
      {(t.errorCode || t.errorId || t.oktaStatus) && (
        <span className="mt-0.5 block font-mono text-xs text-red-700">
          {[t.oktaStatus && `HTTP ${t.oktaStatus}`, t.errorCode, t.errorId && `errorId ${t.errorId}`].filter(Boolean).join(" · ")}
        </span>
      )}
    </span>
  );
}

/** Each target's outcome (a batch, or one target's details). */
export function TargetOutcomes({ request }: { request: ActionRequestDetail }) {
  const mine = useConsoleUser().id === request.requestedBy.id;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Targets">
      {request.targets.map((t) => (
        <li key={t.seq} className="px-3 py-2 text-sm" data-testid="action-target">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 truncate font-medium text-slate-900">{t.label}</span>
            <TargetStatus status={t.status} />
          </div>
          {(t.status === "failed" || t.status === "skipped") && (
            <div className="mt-1">
              <TargetError t={t} />
            </div>
          )}
          {t.attempts > 1 && <div className="mt-0.5 text-xs text-slate-500">{plural(t.attempts, "attempt")}</div>}
          {(t.hasSecret || t.secretRevealedAt) && <OneTimeLink requestId={request.id} target={t} mine={mine} />}
        </li>
      ))}
    </ul>
  );
}

const SECRET_LABEL: Record<string, string> = {
  activationUrl: "Activation link",
  activationToken: "Activation token",
  resetPasswordUrl: "Password reset link",
};

/** The one-time link of a target: shown once, to the person who requested the action. */
function OneTimeLink({ requestId, target, mine }: { requestId: string; target: ActionTargetView; mine: boolean }) {
  const [secret, setSecret] = useState<Record<string, string> | null>(null);
  const reveal = useMutation({
    mutationFn: () =>
      api(`/api/actions/${encodeURIComponent(requestId)}/reveal`, { method: "POST", body: { seq: target.seq }, schema: revealedSecret }),
    onSuccess: (r) => setSecret(r.secret),
  });
  if (secret)
    return (
      <div className="mt-2 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="one-time-link">
        <p className="text-xs font-medium text-amber-900">Shown once: copy it now and pass it on. It will not be shown again.</p>
        {Object.entries(secret).map(([k, v]) => (
          <div key={k} className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-slate-600">{SECRET_LABEL[k] ?? k}</span>
            <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-slate-200">
              {v}
            </code>
            <CopyButton value={v} />
          </div>
        ))}
      </div>
    );
  if (target.secretRevealedAt)
    return (
      <p className="mt-1 text-xs text-slate-500">
        The one-time link was shown <Time value={target.secretRevealedAt} format="relative" />; it is not shown again.
      </p>
    );
  if (!mine) return <p className="mt-1 text-xs text-slate-500">A one-time link waits for the person who requested this action.</p>;
  return (
    <div className="mt-2">
      <Button size="sm" variant="secondary" onClick={() => reveal.mutate()} loading={reveal.isPending}>
        Show the one-time link
      </Button>
      {reveal.error && <p className="mt-1 text-xs text-red-700">{reveal.error.message}</p>}
    </div>
  );
}

/** Where a request stands, in a sentence. */
export function StatusLine({ request: r }: { request: ActionRequestDetail }) {
  switch (r.status) {
    case "pending_approval":
      return (
        <>
          Waiting for {r.requiredApprovals === 2 ? "two admins" : "an admin"} to approve ({r.approvals} of {r.requiredApprovals})
          {r.expiresAt && (
            <>
              ; it expires <Time value={r.expiresAt} format="relative" />
            </>
          )}
          .
        </>
      );
    case "queued":
      return <>Queued: it is sent to Okta in a moment.</>;
    case "running":
      return <>Sending to Okta…</>;
    case "succeeded":
      return (
        <>
          Done{r.targetCount > 1 ? `: ${r.targetCounts.succeeded} of ${plural(r.targetCount, "target")} succeeded` : ""}
          {r.targetCounts.skipped ? `, ${r.targetCounts.skipped} skipped` : ""}.
        </>
      );
    case "failed":
      return (
        <>
          {r.targetCount > 1
            ? `${r.targetCounts.failed} of ${plural(r.targetCount, "target")} failed${r.targetCounts.succeeded ? `, ${r.targetCounts.succeeded} succeeded` : ""}.`
            : "Okta did not do it."}
        </>
      );
    case "denied":
      return (
        <>
          Denied
          {r.decisions.find((d) => d.decision === "deny")?.comment ? `: ${r.decisions.find((d) => d.decision === "deny")?.comment}` : "."}
        </>
      );
    case "expired":
      return <>Expired: nobody decided in time.</>;
    case "cancelled":
      return <>Cancelled.</>;
  }
}

/** The live status of a request just made, in the confirm dialog: read again until final. */
export function RequestProgress({ id }: { id: string }) {
  const { data: r, error } = useActionRequest(id);
  const refresh = useRefreshAfterAction();
  const final = !!r && isFinal(r.status);
  // The directory, histories and counts are read again once the action has ended (and when it was made).
  const refreshed = useRef<string | null>(null);
  useEffect(() => {
    const key = `${id}:${final}`;
    if (refreshed.current === key) return;
    refreshed.current = key;
    refresh();
  }, [id, final, refresh]);
  if (!r) return error ? <Alert tone="danger">{error.message}</Alert> : <Spinner label="Loading the request" />;
  return (
    <div className="space-y-3" data-testid="request-progress">
      <div className="flex flex-wrap items-center gap-2" aria-live="polite">
        <RequestStatus status={r.status} />
        {!final && r.status !== "pending_approval" && <Spinner />}
        <span className="text-sm text-slate-700" data-testid="request-status-line">
          <StatusLine request={r} />
        </span>
      </div>
      {r.status === "pending_approval" && (
        <p className="text-sm text-slate-600">
          An admin other than you approves it on the{" "}
          <Link href={links.approval(r.id)} className="font-medium text-brand-700 hover:underline">
            request's page
          </Link>
          . You can close this; the request stays.
        </p>
      )}
      {(r.targetCount > 1 || final) && <TargetOutcomes request={r} />}
      {r.requiredApprovals > 0 && r.status !== "pending_approval" && (
        <p className="text-xs text-slate-500">
          {plural(r.approvals, "approval")} of {r.requiredApprovals} required.
        </p>
      )}
    </div>
  );
}
