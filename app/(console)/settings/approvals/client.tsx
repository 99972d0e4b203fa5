"use client";
// Settings → Approvals: the approval policy of each action kind (none, one admin, two admins; each
// kind's default beside it) and how long a request waits for approval before it expires. Admins
// change them (PATCH /api/approval-policy, only what changed, checked with the route's own schema);
// everyone else reads them.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { POLICY_LABEL } from "@/components/actions/labels";
import { actionKeys } from "@/components/actions/queries";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Input, Select } from "@/components/ui";
import { applyServerErrors, bodyResolver, FormError, FormField } from "@/components/ui/form";
import { ACTION_KINDS, type ActionKind, APPROVAL_POLICIES, type ApprovalPolicy } from "@/db/enums";
import {
  type ApprovalPolicyView,
  approvalPolicyView,
  MAX_EXPIRY_HOURS,
  MIN_EXPIRY_HOURS,
  updateApprovalPolicyBody,
} from "@/lib/actions/contracts";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { api } from "@/lib/api/client";

// Form paths cannot hold a dot (it means nesting): "user.suspend" is kept as "user__suspend".
const key = (k: ActionKind) => k.replace(".", "__");

interface Values {
  policies: Record<string, ApprovalPolicy>;
  /** Hours as typed; "" = the default. */
  expiryHours: string;
}

const AREAS: { title: string; prefix: string }[] = [
  { title: "People", prefix: "user." },
  { title: "Groups", prefix: "group." },
  { title: "Apps", prefix: "app." },
];

const valuesOf = (p: ApprovalPolicyView): Values => ({
  policies: Object.fromEntries(ACTION_KINDS.map((k) => [key(k), p.policies[k]])),
  expiryHours: p.expiryHoursCustom ? String(p.expiryHours) : "",
});

/** The PATCH body: the kinds whose policy changed, and the expiry when it changed. */
function bodyOf(v: Values, saved: ApprovalPolicyView) {
  const body: Record<string, unknown> = {};
  for (const k of ACTION_KINDS) if (v.policies[key(k)] !== saved.policies[k]) body[k] = v.policies[key(k)];
  const typed = v.expiryHours.trim();
  const before = saved.expiryHoursCustom ? String(saved.expiryHours) : "";
  if (typed !== before) body.expiryHours = typed === "" ? null : Number(typed);
  return body;
}

export function ApprovalPolicyClient({ initial, isAdmin }: { initial: ApprovalPolicyView; isAdmin: boolean }) {
  const qc = useQueryClient();
  // What the server holds now: the last save's answer, else what the page was rendered with.
  const saved = () => (qc.getQueryData(actionKeys.policy) as ApprovalPolicyView | undefined) ?? initial;
  const form = useForm<Values>({
    defaultValues: valuesOf(initial),
    resolver: bodyResolver<Values>((v) => ({ schema: updateApprovalPolicyBody, body: bodyOf(v, saved()) })),
  });
  const values = useWatch({ control: form.control }) as Values;
  const changes = Object.keys(bodyOf(values, saved())).length;
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api("/api/approval-policy", { method: "PATCH", body, schema: approvalPolicyView }),
    onSuccess: (p) => {
      qc.setQueryData(actionKeys.policy, p);
      form.reset(valuesOf(p));
    },
    onError: (e) => applyServerErrors(form, e, (path) => path === "expiryHours"),
  });
  return (
    <Card className="max-w-3xl">
      <CardHeader
        title="Approval policy"
        description={
          isAdmin
            ? "Requests of a kind that needs approval wait until enough admins approve; nobody approves their own request."
            : "Only admins can change the approval policy."
        }
      />
      <CardBody>
        <form className="space-y-6" noValidate onSubmit={form.handleSubmit((v) => save.mutate(bodyOf(v, saved())))}>
          {save.isSuccess && !save.isPending && changes === 0 && <Alert tone="success">Approval policy saved.</Alert>}
          <FormError control={form.control} title="Not saved" />
          {AREAS.map((a) => (
            <fieldset key={a.prefix}>
              <legend className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{a.title}</legend>
              <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                {ACTION_KINDS.filter((k) => k.startsWith(a.prefix)).map((k) => {
                  const info = ACTION_KIND_INFO[k];
                  const id = `policy-${key(k)}`;
                  const isDefault = values.policies?.[key(k)] === initial.defaults[k];
                  return (
                    <li key={k} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-3 py-2.5">
                      <div className="min-w-0">
                        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-900">
                          {info.label}
                          {info.destructive && <Badge tone="danger">Destructive</Badge>}
                        </label>
                        <p className="text-xs text-slate-500">
                          {info.description} Default: {POLICY_LABEL[initial.defaults[k]].toLowerCase()}
                          {isDefault ? "" : " (changed)"}.
                        </p>
                      </div>
                      <Select id={id} className="w-full sm:w-52" disabled={!isAdmin} {...form.register(`policies.${key(k)}`)} data-kind={k}>
                        {APPROVAL_POLICIES.map((p) => (
                          <option key={p} value={p}>
                            {POLICY_LABEL[p]}
                          </option>
                        ))}
                      </Select>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ))}
          <FormField
            control={form.control}
            name="expiryHours"
            label="Hours a request waits for approval"
            hint={`${MIN_EXPIRY_HOURS} to ${MAX_EXPIRY_HOURS}; empty: the server's default (now ${initial.expiryHoursCustom ? "not in use" : `${initial.expiryHours} h`}). A request not decided in time expires.`}
          >
            <Input
              inputMode="numeric"
              className="w-40"
              readOnly={!isAdmin}
              {...form.register("expiryHours")}
              placeholder={String(initial.expiryHours)}
            />
          </FormField>
          {isAdmin && (
            <div className="flex items-center justify-end gap-3 border-t border-slate-100 pt-4">
              {changes > 0 && <span className="text-sm text-slate-600">{changes === 1 ? "1 change" : `${changes} changes`} not saved</span>}
              <Button type="submit" loading={save.isPending} disabled={changes === 0}>
                Save
              </Button>
            </div>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
