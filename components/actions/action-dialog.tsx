"use client";
// The confirm dialog of every action on Okta: the kind's parameters, the preview the server computes
// from a fresh read of each target (POST /api/integrations/{id}/actions/preview, read again as the
// parameters change), the reason (required), and for a destructive kind the person's login (or the
// number of targets of a batch) typed out. After submitting it shows the request's live status, each
// target's outcome, Okta's error identifiers and any one-time link. Targets are given, or picked in the
// dialog from the synced directory (add people to a group, assign an app to people or groups).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { useConsoleUser } from "@/components/shell/console-user";
import { Alert, Button, ButtonLink, Dialog, Input, Spinner, Textarea } from "@/components/ui";
import { applyServerErrors, bodyResolver, FormError, FormField } from "@/components/ui/form";
import type { ActionKind } from "@/db/enums";
import { type ActionTargetInput, actionPreview, actionRequestDetail, requestActionBody } from "@/lib/actions/contracts";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { api } from "@/lib/api/client";
import { plural } from "@/lib/format";
import { links } from "@/lib/links";
import { POLICY_NEEDS } from "./labels";
import {
  type ActionFormValues,
  DirectoryPicker,
  defaultParams,
  hasParams,
  ParamFields,
  type PickKind,
  type PickOption,
  toParams,
} from "./param-fields";
import { PreviewView } from "./preview-view";
import { actionKeys, useApprovalPolicy } from "./queries";
import { RequestProgress } from "./request-progress";

export interface ActionSpec {
  integrationId: string;
  kind: ActionKind;
  /** The targets; empty for user.create, or when they are picked in the dialog (`pick`). */
  targets: ActionTargetInput[];
  /** Targets chosen in the dialog: people or groups of the integration, each made into a target. */
  pick?: {
    kind: PickKind;
    label: string;
    target: (id: string) => ActionTargetInput;
    /** Extra filters of the search (e.g. type=OKTA_GROUP). */
    extra?: Record<string, string>;
  };
  /** How the subject reads in the title: a login, "3 people", a group's or app's name. */
  subjectLabel: string;
  /** What a destructive kind asks to type: the person's login (a batch asks for the number of targets). */
  confirmText?: string;
  /** The person's synced profile, to prefill Edit profile's fields. */
  currentProfile?: Record<string, unknown>;
  /** What a new person starts with (user.create). */
  initialProfile?: Record<string, unknown>;
}

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const targetsBody = (targets: ActionTargetInput[]) =>
  targets.length === 1 ? { target: targets[0] } : targets.length > 1 ? { targets } : {};

/** Controlled by `spec`: open while it is set; `onClose` clears it. */
export function ActionDialog({ spec, onClose }: { spec: ActionSpec | null; onClose: () => void }) {
  if (!spec) return null;
  return <ActionDialogBody key={`${spec.kind}:${JSON.stringify(spec.targets)}`} spec={spec} onClose={onClose} />;
}

function ActionDialogBody({ spec, onClose }: { spec: ActionSpec; onClose: () => void }) {
  const { kind, integrationId } = spec;
  const info = ACTION_KIND_INFO[kind];
  const me = useConsoleUser();
  const qc = useQueryClient();
  const policy = useApprovalPolicy().data?.policies[kind];
  const needs = policy ? POLICY_NEEDS[policy] : null;
  const [picked, setPicked] = useState<string[]>([]);
  const [names] = useState(() => new Map<string, PickOption>());
  const [requestId, setRequestId] = useState<string | null>(null);
  const targets = spec.pick ? picked.map(spec.pick.target) : spec.targets;
  const confirmText = info.destructive
    ? targets.length > 1
      ? String(targets.length)
      : (spec.confirmText ?? (spec.pick ? names.get(picked[0] ?? "")?.typed : undefined))
    : undefined;
  // The resolver reads the latest confirmation text (it changes as targets are picked).
  const confirmRef = useRef(confirmText);
  confirmRef.current = confirmText;

  const form = useForm<ActionFormValues>({
    defaultValues: { reason: "", confirm: "", params: defaultParams(kind, spec.initialProfile) },
    resolver: bodyResolver<ActionFormValues>((v) => ({
      schema: z.object({
        reason: requestActionBody.shape.reason,
        params: info.params,
        confirm: confirmRef.current
          ? z.string().refine((s) => s.trim() === confirmRef.current, `type ${confirmRef.current} exactly to confirm`)
          : z.string(),
      }),
      body: { reason: v.reason, confirm: v.confirm, params: toParams(kind, v.params) },
    })),
  });

  // The preview follows the parameters (after a pause while typing) and the picked targets.
  const watched = useWatch({ control: form.control, name: "params" });
  const params = toParams(kind, watched ?? {});
  const paramsOk = info.params.safeParse(params).success;
  const needsTargets = info.target !== "new_user";
  const body = JSON.stringify({ kind, ...targetsBody(targets), params });
  const previewBody = useDebounced(body, hasParams(kind) ? 600 : 0);
  const preview = useQuery({
    queryKey: actionKeys.preview(integrationId, previewBody),
    queryFn: ({ signal }) =>
      api(`/api/integrations/${encodeURIComponent(integrationId)}/actions/preview`, {
        method: "POST",
        body: JSON.parse(previewBody),
        schema: actionPreview,
        signal,
      }),
    enabled: paramsOk && (!needsTargets || targets.length > 0) && !requestId && previewBody === body,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const p = preview.data && previewBody === body ? preview.data : null;
  const allRefused = !!p && p.refused === p.targets.length;

  const submit = useMutation({
    mutationFn: (b: unknown) =>
      api(`/api/integrations/${encodeURIComponent(integrationId)}/actions`, { method: "POST", body: b, schema: actionRequestDetail }),
    onSuccess: (r) => {
      qc.setQueryData(actionKeys.request(r.id), r);
      setRequestId(r.id);
    },
    onError: (e) => applyServerErrors(form, e, (path) => path === "reason" || path.startsWith("params.")),
  });
  const onSubmit = form.handleSubmit((v) =>
    submit.mutate({ kind, ...targetsBody(targets), params: toParams(kind, v.params), reason: v.reason.trim() }),
  );

  const title = `${info.label}${spec.subjectLabel ? `: ${spec.subjectLabel}` : ""}`;
  const formId = `action-form-${kind}`;
  const footer = requestId ? (
    <>
      <ButtonLink href={links.approval(requestId)} variant="secondary">
        Open the request
      </ButtonLink>
      <Button onClick={onClose}>Close</Button>
    </>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        Cancel
      </Button>
      <Button
        type="submit"
        form={formId}
        variant={info.destructive ? "danger" : "primary"}
        loading={submit.isPending}
        disabled={!p || allRefused || (needsTargets && targets.length === 0)}
      >
        {needs ? "Request approval" : targets.length > 1 ? `${info.label} ${plural(targets.length, "target")}` : info.label}
      </Button>
    </>
  );

  return (
    <Dialog open onClose={onClose} title={title} description={info.description} size="lg" footer={footer}>
      {requestId ? (
        <RequestProgress id={requestId} />
      ) : (
        <form id={formId} onSubmit={onSubmit} noValidate className="space-y-5" data-testid="action-form">
          {spec.pick && (
            <DirectoryPicker
              integrationId={integrationId}
              kind={spec.pick.kind}
              label={spec.pick.label}
              chosen={picked}
              onChange={setPicked}
              names={names}
              extra={spec.pick.extra}
              testId="action-pick"
            />
          )}
          {hasParams(kind) && <ParamFields kind={kind} form={form} integrationId={integrationId} currentProfile={spec.currentProfile} />}
          <section aria-label="Preview" aria-busy={preview.isFetching} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">What it will do</h3>
            {p ? (
              <PreviewView preview={p} />
            ) : preview.error ? (
              <Alert
                tone="danger"
                action={
                  <Button size="sm" variant="secondary" onClick={() => void preview.refetch()}>
                    Try again
                  </Button>
                }
              >
                {preview.error.message}
              </Alert>
            ) : needsTargets && targets.length === 0 ? (
              <p className="text-sm text-slate-500">Choose {spec.pick?.label.toLowerCase() ?? "a target"} to see what it will do.</p>
            ) : !paramsOk ? (
              <p className="text-sm text-slate-500">Fill in the fields to see what it will do.</p>
            ) : (
              <p className="flex items-center gap-2 text-sm text-slate-600">
                <Spinner label="Loading the preview" /> Reading the current state from Okta…
              </p>
            )}
          </section>
          {needs && (
            <Alert tone="info" title={`This action ${needs}`}>
              The request waits on the Approvals page until {policy === "two_admins" ? "two admins approve" : "an admin approves"} it
              {me.role === "admin" ? "; you cannot approve your own request" : ""}. It runs once approved.
            </Alert>
          )}
          <FormField control={form.control} name="reason" label="Reason" hint="Required. Kept in the audit log with the request.">
            <Textarea rows={2} {...form.register("reason")} placeholder="e.g. Ticket IT-1234: left the company today" />
          </FormField>
          {confirmText && (
            <FormField
              control={form.control}
              name="confirm"
              label={
                <>
                  Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
                </>
              }
              hint={targets.length > 1 ? "The number of targets of this batch." : "A check that this is the one you mean."}
            >
              <Input {...form.register("confirm")} autoComplete="off" spellCheck={false} />
            </FormField>
          )}
          <FormError control={form.control} title="Not requested" />
        </form>
      )}
    </Dialog>
  );
}
