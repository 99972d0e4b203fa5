"use client";
// The sync scope: which groups (and their members), apps, user statuses and user types an
// integration copies. Groups and apps are chosen from those the integration has synced (searchable
// lists, including those a narrower scope left out, so a scope can be widened again); statuses are
// Okta's; user types are those of the synced users. Checked with the same zod schema as the API;
// applies from the next sync. Viewers and disconnected integrations see it read-only.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Alert, Badge, Button, Card, CardBody, CardHeader, Input } from "@/components/ui";
import { ApiError, api } from "@/lib/api/client";
import { type ScopeOptions, type Settings, scopeOptionsSchema, settingsInput, settingsUpdateResult } from "@/lib/overview/contracts";
import { formatCount } from "@/lib/overview/format";
import { OKTA_USER_STATUSES, type OktaUserStatus } from "@/lib/sync/scope-contract";
import { titleCase } from "./labels";
import { integrationKeys, useSettings } from "./queries";

const useScopeOptions = (id: string) =>
  useQuery({
    queryKey: [...integrationKeys.all(id), "scope-options"],
    queryFn: ({ signal }) => api(`/api/integrations/${id}/scope-options`, { schema: scopeOptionsSchema, signal }),
  });

interface Option {
  id: string;
  label: string;
  hint?: string;
  synced: boolean;
}

/** A searchable multi-select: chosen items as removable chips above a filtered, scrollable checklist. */
function MultiSelect({
  label,
  options,
  chosen,
  onChange,
  disabled,
  testId,
}: {
  label: string;
  options: Option[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  testId: string;
}) {
  const [q, setQ] = useState("");
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const needle = q.trim().toLowerCase();
  const shown = options.filter((o) => !needle || o.label.toLowerCase().includes(needle) || o.id.toLowerCase() === needle).slice(0, 200);
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id].sort());
  return (
    <fieldset className="space-y-2" data-testid={testId} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex min-h-7 flex-wrap gap-1.5" aria-live="polite">
        {chosen.length === 0 ? (
          <span className="text-xs text-slate-500">None chosen: no restriction.</span>
        ) : (
          chosen.map((id) => (
            <button
              key={id}
              type="button"
              onClick={() => toggle(id)}
              className="rounded-md"
              aria-label={`Remove ${byId.get(id)?.label ?? id}`}
            >
              <Badge tone="brand">
                {byId.get(id)?.label ?? id} <span aria-hidden="true">×</span>
              </Badge>
            </button>
          ))
        )}
      </div>
      <Input
        type="search"
        placeholder={`Search ${label.toLowerCase()}`}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label={`Search ${label.toLowerCase()}`}
      />
      <ul
        className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
        role="listbox"
        aria-multiselectable="true"
        aria-label={label}
      >
        {shown.length === 0 && <li className="px-3 py-2 text-sm text-slate-500">No match.</li>}
        {shown.map((o) => (
          <li key={o.id} role="option" aria-selected={chosen.includes(o.id)}>
            <label className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50">
              <input type="checkbox" className="accent-brand-600" checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} />
              <span className="min-w-0 flex-1 truncate text-slate-900">{o.label}</span>
              {!o.synced && <span className="text-xs text-slate-500">not in the last sync</span>}
              {o.hint && <span className="text-xs text-slate-500 tabular-nums">{o.hint}</span>}
            </label>
          </li>
        ))}
      </ul>
      {options.length > shown.length && (
        <p className="text-xs text-slate-500">
          Showing {shown.length} of {formatCount(options.length)}; search to narrow.
        </p>
      )}
    </fieldset>
  );
}

function Checks<T extends string>({
  label,
  values,
  chosen,
  onChange,
  hint,
  testId,
}: {
  label: string;
  values: { value: T; label: string; hint?: string }[];
  chosen: T[];
  onChange: (v: T[]) => void;
  hint: string;
  testId: string;
}) {
  return (
    <fieldset className="space-y-2" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <p className="text-xs text-slate-500">{hint}</p>
      <div className="flex flex-wrap gap-x-5 gap-y-1.5">
        {values.length === 0 && <span className="text-xs text-slate-500">None synced yet.</span>}
        {values.map((v) => (
          <label key={v.value} className="flex items-center gap-1.5 text-sm text-slate-800">
            <input
              type="checkbox"
              className="accent-brand-600"
              checked={chosen.includes(v.value)}
              onChange={() => onChange(chosen.includes(v.value) ? chosen.filter((x) => x !== v.value) : [...chosen, v.value].sort())}
            />
            {v.label}
            {v.hint && <span className="text-xs text-slate-500">{v.hint}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ScopeForm({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const { data: s } = useSettings(id);
  if (!s) return null;
  const editable = isAdmin && s.state === "connected";
  return (
    <Card className="mt-6 max-w-3xl" data-testid="scope-card">
      <CardHeader
        title="Sync scope"
        description={
          <>
            What this integration copies:{" "}
            <span className="font-medium text-slate-800" data-testid="scope-summary">
              {s.scopeSummary}
            </span>
            .{!editable && (isAdmin ? " This integration is disconnected." : " Only admins can change it.")}
          </>
        }
      />
      {editable && <ScopeEditor s={s} />}
    </Card>
  );
}

function ScopeEditor({ s }: { s: Settings }) {
  const qc = useQueryClient();
  const { data: options, error } = useScopeOptions(s.integrationId);
  const initial = s.syncScope ?? {};
  const [groupIds, setGroupIds] = useState<string[]>(initial.groupIds ?? []);
  const [appIds, setAppIds] = useState<string[]>(initial.appIds ?? []);
  const [userTypes, setUserTypes] = useState<string[]>(initial.userTypes ?? []);
  const [userStatuses, setUserStatuses] = useState<OktaUserStatus[]>(initial.userStatuses ?? []);
  const [clientError, setClientError] = useState<string | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);

  const next = { groupIds, appIds, userTypes, userStatuses };
  const same = (a: string[] | undefined, b: string[]) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());
  const dirty = !(
    same(initial.groupIds, groupIds) &&
    same(initial.appIds, appIds) &&
    same(initial.userTypes, userTypes) &&
    same(initial.userStatuses, userStatuses)
  );
  const everything = !groupIds.length && !appIds.length && !userTypes.length && !userStatuses.length;

  const save = useMutation({
    mutationFn: (body: unknown) =>
      api(`/api/integrations/${s.integrationId}/settings`, { method: "PATCH", body, schema: settingsUpdateResult }),
    onSuccess: (result) => {
      const { changed, ...settings } = result;
      setSaved(changed.includes("syncScope"));
      qc.setQueryData(integrationKeys.settings(s.integrationId), settings);
      void qc.invalidateQueries({ queryKey: integrationKeys.overview(s.integrationId) });
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(null);
    const body = { syncScope: everything ? null : next };
    const parsed = settingsInput.safeParse(body);
    if (!parsed.success) {
      setClientError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      return;
    }
    setClientError(null);
    save.mutate(parsed.data);
  }

  const groupOptions = (o: ScopeOptions): Option[] =>
    o.groups.map((g) => ({
      id: g.id,
      label: g.name,
      hint: g.members === null ? undefined : `${formatCount(g.members)} members`,
      synced: g.synced,
    }));
  const appOptions = (o: ScopeOptions): Option[] =>
    o.apps.map((a) => ({ id: a.id, label: a.label, hint: a.status === "ACTIVE" ? undefined : titleCase(a.status), synced: a.synced }));
  const typeValues = [...new Set([...(options?.userTypes.map((t) => t.value) ?? []), ...userTypes])].map((v) => {
    const n = options?.userTypes.find((t) => t.value === v)?.users;
    return { value: v, label: v, hint: n === undefined ? undefined : formatCount(n) };
  });
  const fieldErrors = Object.entries(serverErrors).filter(([k]) => k.startsWith("syncScope"));

  return (
    <form onSubmit={submit} noValidate>
      <CardBody className="space-y-6">
        {error && <Alert tone="danger">The groups and apps to choose from could not be loaded: {error.message}</Alert>}
        {options?.truncated && (
          <Alert tone="info">This org has more than 5,000 groups or apps; the lists show the first 5,000 by name.</Alert>
        )}
        <div className="grid gap-6 sm:grid-cols-2">
          <MultiSelect
            label="Groups"
            options={options ? groupOptions(options) : []}
            chosen={groupIds}
            onChange={setGroupIds}
            testId="scope-groups"
          />
          <MultiSelect label="Apps" options={options ? appOptions(options) : []} chosen={appIds} onChange={setAppIds} testId="scope-apps" />
        </div>
        <p className="-mt-3 text-xs text-slate-500">
          With groups chosen, only their members are synced (with those groups and their memberships). With apps chosen, only those apps and
          their assignments.
        </p>
        <Checks
          label="User statuses"
          hint="Only users with these statuses (none ticked: every status)."
          values={OKTA_USER_STATUSES.map((x) => ({ value: x, label: titleCase(x) }))}
          chosen={userStatuses}
          onChange={setUserStatuses}
          testId="scope-statuses"
        />
        <Checks
          label="User types"
          hint="Only users of these types, from the synced users' user type (none ticked: every type)."
          values={typeValues}
          chosen={userTypes}
          onChange={setUserTypes}
          testId="scope-types"
        />
        {clientError && <Alert tone="danger">{clientError}</Alert>}
        {fieldErrors.length > 0 && (
          <Alert tone="danger">
            {fieldErrors.map(([k, m]) => (
              <span key={k} className="block">
                {k}: {m}
              </span>
            ))}
          </Alert>
        )}
        {save.error && fieldErrors.length === 0 && <Alert tone="danger">{save.error.message}</Alert>}
        {saved !== null && (
          <Alert tone="success" title="Scope saved">
            {saved
              ? "The next sync applies it: what leaves the scope is removed, what enters it is read. The event log records the change."
              : "Nothing had changed."}
          </Alert>
        )}
      </CardBody>
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <span className="mr-auto text-xs text-slate-500">
          {dirty ? (everything ? "Unsaved: sync everything" : "Unsaved scope changes") : "No changes"}
        </span>
        {!everything && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setGroupIds([]);
              setAppIds([]);
              setUserTypes([]);
              setUserStatuses([]);
            }}
          >
            Clear (sync everything)
          </Button>
        )}
        <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="scope-save">
          Save scope
        </Button>
      </div>
    </form>
  );
}
