"use client";
// A request's page: what was asked (the kind, its targets, the reason, the preview stored with it), who
// asked and who decided, where it stands (read again until final), each target's outcome with Okta's
// error identifiers, its audit entries, and the decisions the caller may take: Approve and Deny for
// admins (never on their own request), Cancel for its requester or an admin; each disabled with the
// server's reason when not allowed.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { AuditList } from "@/components/actions/audit-list";
import { RequestStatus } from "@/components/actions/labels";
import { PreviewView } from "@/components/actions/preview-view";
import { actionKeys, isFinal, useActionRequest, useRefreshAfterAction } from "@/components/actions/queries";
import { StatusLine, TargetOutcomes } from "@/components/actions/request-progress";
import { targetSummary } from "@/components/actions/requests-table";
import { Facts } from "@/components/directory/detail-parts";
import { useConsoleUser } from "@/components/shell/console-user";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Dialog, PageHeader, Spinner, Textarea, Time } from "@/components/ui";
import { applyServerErrors, FormError, FormField } from "@/components/ui/form";
import { type ActionRequestDetail, actionRequestDetail, approveActionBody, denyActionBody } from "@/lib/actions/contracts";
import { api } from "@/lib/api/client";
import { plural } from "@/lib/format";
import { links } from "@/lib/links";

type Decision = "approve" | "deny" | "cancel";

const DECISION: Record<Decision, { title: string; button: string; description: string }> = {
  approve: {
    title: "Approve this request",
    button: "Approve",
    description: "Once approved by enough admins it runs at once, against Okta as it is then.",
  },
  deny: { title: "Deny this request", button: "Deny", description: "It will not run. Say why: the requester sees your comment." },
  cancel: {
    title: "Cancel this request",
    button: "Cancel the request",
    description: "It will not run. It stays in the list and the audit log.",
  },
};

function DecisionDialog({ request, decision, onClose }: { request: ActionRequestDetail; decision: Decision; onClose: () => void }) {
  const qc = useQueryClient();
  const refresh = useRefreshAfterAction();
  const d = DECISION[decision];
  // Deny needs a comment; approve takes an optional one; cancel none.
  const schema = (decision === "deny" ? denyActionBody : approveActionBody) as z.ZodType<{ comment?: string }, { comment?: string }>;
  const form = useForm<{ comment?: string }>({
    resolver: zodResolver(schema, undefined, { raw: true }),
    defaultValues: { comment: "" },
  });
  const run = useMutation({
    mutationFn: (body: unknown) =>
      api(`/api/actions/${encodeURIComponent(request.id)}/${decision}`, {
        method: "POST",
        // Cancel takes no body.
        body: decision === "cancel" ? undefined : body,
        schema: actionRequestDetail,
      }),
    onSuccess: (r) => {
      qc.setQueryData(actionKeys.request(r.id), r);
      refresh();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const id = `decision-${decision}`;
  return (
    <Dialog
      open
      onClose={onClose}
      title={d.title}
      description={d.description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" form={id} variant={decision === "approve" ? "primary" : "danger"} loading={run.isPending}>
            {d.button}
          </Button>
        </>
      }
    >
      <form
        id={id}
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((v) => run.mutate(decision === "cancel" ? {} : v.comment?.trim() ? { comment: v.comment.trim() } : {}))}
      >
        <p className="text-sm text-slate-700">
          <span className="font-medium">{request.label}</span>: {targetSummary(request)}
        </p>
        {decision !== "cancel" && (
          <FormField
            control={form.control}
            name="comment"
            label={decision === "deny" ? "Why it is denied" : "Comment (optional)"}
            hint="Kept in the audit log with your decision."
          >
            <Textarea rows={3} {...form.register("comment")} />
          </FormField>
        )}
        <FormError
          control={form.control}
          title={`Not ${decision === "approve" ? "approved" : decision === "deny" ? "denied" : "cancelled"}`}
        />
      </form>
    </Dialog>
  );
}

/** A decision button, or the same button disabled with why not. */
function DecisionButton({
  decision,
  verdict,
  onClick,
}: {
  decision: Decision;
  verdict: { ok: boolean; why: string | null };
  onClick: () => void;
}) {
  const why = verdict.ok ? null : verdict.why;
  const id = `why-not-${decision}`;
  return (
    <div className="min-w-0">
      <Button
        variant={decision === "approve" ? "primary" : decision === "deny" ? "danger" : "secondary"}
        disabled={!verdict.ok}
        onClick={onClick}
        aria-describedby={why ? id : undefined}
        data-testid={`${decision}-button`}
      >
        {DECISION[decision].button}
      </Button>
      {why && (
        <p id={id} className="mt-1 max-w-xs text-xs text-slate-600">
          {why}
        </p>
      )}
    </div>
  );
}

export function RequestClient({ initial }: { initial: ActionRequestDetail }) {
  const me = useConsoleUser();
  const { data, error } = useActionRequest(initial.id, initial);
  const r = data ?? initial;
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const final = isFinal(r.status);
  const isAdmin = me.role === "admin";
  const canAct = me.role === "admin" || me.role === "operator";
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Approvals", href: links.approvals() }, { label: r.label }]}
        title={
          <span className="flex flex-wrap items-center gap-2 [overflow-wrap:anywhere]">
            <span className="min-w-0">
              {r.label}: {targetSummary(r)}
            </span>
            <RequestStatus status={r.status} />
          </span>
        }
        description={
          <>
            Requested by {r.requestedBy.label} <Time value={r.createdAt} format="relative" />.
          </>
        }
      />
      {error && (
        <Alert tone="warning" className="mb-4">
          Showing what was loaded earlier: {error.message}
        </Alert>
      )}

      <Card className="mb-6" data-testid="request-state">
        <CardBody>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <p className="flex items-center gap-2 text-sm text-slate-800" aria-live="polite" data-testid="request-status-line">
              {!final && r.status !== "pending_approval" && <Spinner />}
              <span>
                <StatusLine request={r} />
              </span>
            </p>
            {r.status === "pending_approval" || r.status === "queued" ? (
              <div className="flex flex-wrap items-start gap-3" data-testid="decisions">
                {isAdmin && (
                  <>
                    <DecisionButton decision="approve" verdict={r.can.approve} onClick={() => setDeciding("approve")} />
                    <DecisionButton decision="deny" verdict={r.can.deny} onClick={() => setDeciding("deny")} />
                  </>
                )}
                {canAct && <DecisionButton decision="cancel" verdict={r.can.cancel} onClick={() => setDeciding("cancel")} />}
              </div>
            ) : null}
          </div>
          {!isAdmin && r.status === "pending_approval" && (
            <p className="mt-3 text-sm text-slate-600" data-testid="who-approves">
              Only admins approve or deny requests; your role is {me.role}.
            </p>
          )}
        </CardBody>
      </Card>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title={r.targetCount > 1 ? `Targets (${r.targetCount})` : "Target"}
              description={final ? "The outcome of each, with Okta's answer when it refused." : undefined}
            />
            <CardBody>
              <TargetOutcomes request={r} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Preview"
              description={
                r.preview ? (
                  <>
                    Computed when it was requested, <Time value={r.preview.computedAt} format="relative" />, from a fresh read of Okta.
                  </>
                ) : undefined
              }
            />
            <CardBody>
              {r.preview ? <PreviewView preview={r.preview} /> : <p className="text-sm text-slate-500">No preview kept.</p>}
            </CardBody>
          </Card>
        </div>
        <Card>
          <CardHeader title="Request" />
          <CardBody className="space-y-5">
            <Facts
              columns={1}
              items={[
                [
                  "Reason",
                  <span key="Reason" className="whitespace-normal">
                    {r.reason}
                  </span>,
                ],
                ["Requested by", r.requestedBy.label],
                ["Requested", <Time key="Requested" value={r.createdAt} />],
                [
                  "Approval",
                  r.requiredApprovals
                    ? `${r.approvals} of ${plural(r.requiredApprovals, "admin")} approved`
                    : "None needed (the approval policy of this action)",
                ],
                ...(r.expiresAt && r.status === "pending_approval"
                  ? [["Expires", <Time key="Expires" value={r.expiresAt} />] as [string, React.ReactNode]]
                  : []),
                ...(r.decidedAt ? [["Decided", <Time key="Decided" value={r.decidedAt} />] as [string, React.ReactNode]] : []),
                ...(r.finishedAt ? [["Finished", <Time key="Finished" value={r.finishedAt} />] as [string, React.ReactNode]] : []),
                [
                  "Action",
                  <span key="Action" className="font-mono text-xs">
                    {r.kind}
                  </span>,
                ],
              ]}
            />
            <div>
              <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Decisions</h3>
              {r.decisions.length ? (
                <ul className="mt-2 space-y-2" data-testid="decision-list">
                  {r.decisions.map((d) => (
                    <li key={`${d.label}:${d.at.toISOString()}`} className="text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone={d.decision === "approve" ? "success" : "danger"}>
                          {d.decision === "approve" ? "Approved" : "Denied"}
                        </Badge>
                        <span className="text-slate-800">{d.label}</span>
                        <Time value={d.at} format="relative" className="text-xs text-slate-500" />
                      </div>
                      {d.comment && <p className="mt-0.5 text-slate-600">“{d.comment}”</p>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-500">{r.requiredApprovals ? "None yet." : "None needed."}</p>
              )}
            </div>
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Audit entries"
          description="Everything recorded about this request, newest first; each entry is chained to the one before it."
        />
        <AuditList
          label="Audit entries of this request"
          items={[...r.audit].reverse()}
          linkRequests={false}
          loading={false}
          error={null}
          empty={<p className="px-5 pb-5 text-sm text-slate-500">No entries.</p>}
        />
      </Card>

      {deciding && <DecisionDialog request={r} decision={deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}
