"use client";
// The sync scope: which groups (and their members), apps, user statuses and user types an
// integration copies. Groups and apps are chosen in comboboxes that search the integration's synced
// groups and apps on the server, a page at a time (including those a narrower scope left out, so a
// scope can be widened again); statuses are Okta's; user types are those of the synced users. The
// form is checked with the settings route's own zod schema and server errors land on their field;
// applies from the next sync. Viewers and disconnected integrations see it read-only.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { type Control, useController, useForm, useWatch } from "react-hook-form";
import { Alert, Button, Card, CardBody, CardHeader, Checkbox, type ComboboxOption, MultiCombobox } from "@/components/ui";
import { applyServerErrors, bodyResolver, FormError, useFieldError } from "@/components/ui/form";
import { api } from "@/lib/api/client";
import { formatCount } from "@/lib/format";
import { userStatusLabel } from "@/lib/okta/user-status";
import { type ScopeOptions, type Settings, scopeOptionsSchema, settingsInput, settingsUpdateResult } from "@/lib/overview/contracts";
import { OKTA_USER_STATUSES, type OktaUserStatus } from "@/lib/sync/scope-contract";
import { titleCase } from "./labels";
import { integrationKeys, useSettings } from "./queries";

/** The form's values have the PATCH body's shape, so the schema's and the server's field paths match. */
interface ScopeValues {
  syncScope: { groupIds: string[]; appIds: string[]; userTypes: string[]; userStatuses: OktaUserStatus[] };
}
type Kind = "groups" | "apps";

const optionsUrl = (id: string, query: Record<string, string | undefined>) => {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return `/api/integrations/${id}/scope-options${qs ? `?${qs}` : ""}`;
};

const groupOption = (g: ScopeOptions["groups"][number]): ComboboxOption => ({
  value: g.id,
  label: g.name,
  hint: [g.synced ? null : "not in the last sync", g.members === null ? null : `${formatCount(g.members)} members`]
    .filter(Boolean)
    .join(" · "),
});
const appOption = (a: ScopeOptions["apps"][number]): ComboboxOption => ({
  value: a.id,
  label: a.label,
  hint: [a.synced ? null : "not in the last sync", a.status === "ACTIVE" ? null : titleCase(a.status)].filter(Boolean).join(" · "),
});

/** One list's server-side search: the query typed (sent after a short pause) and its pages. */
function useScopeSearch(id: string, kind: Kind) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  const query = useInfiniteQuery({
    queryKey: [...integrationKeys.all(id), "scope-options", kind, q],
    queryFn: ({ pageParam, signal }) =>
      api(optionsUrl(id, { kind, q, cursor: pageParam, limit: "50" }), { schema: scopeOptionsSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor[kind] ?? undefined,
  });
  const options = (query.data?.pages ?? []).flatMap((p) => (kind === "groups" ? p.groups.map(groupOption) : p.apps.map(appOption)));
  return { search, setSearch, query, options, stale: search.trim() !== q };
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

function ScopePicker({
  id,
  kind,
  label,
  control,
  names,
}: {
  id: string;
  kind: Kind;
  label: string;
  control: Control<ScopeValues>;
  /** Labels known so far (the saved scope's, and every option seen), by id. */
  names: Map<string, string>;
}) {
  const name = kind === "groups" ? "syncScope.groupIds" : "syncScope.appIds";
  const { field } = useController({ control, name });
  const error = useFieldError(control, name);
  const { search, setSearch, query, options, stale } = useScopeSearch(id, kind);
  for (const o of options) names.set(o.value, o.label);
  const errorId = `scope-${kind}-error`;
  return (
    <div>
      <MultiCombobox
        label={label}
        chosen={field.value}
        onChange={field.onChange}
        labelOf={(v) => names.get(v) ?? v}
        options={options}
        search={search}
        onSearchChange={setSearch}
        loading={stale || query.isFetching}
        error={query.error?.message}
        hasMore={query.hasNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        invalid={!!error}
        describedBy={error ? errorId : undefined}
        testId={`scope-${kind}`}
      />
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

function Checks<T extends string>({
  label,
  values,
  name,
  control,
  hint,
  testId,
}: {
  label: string;
  values: { value: T; label: string; hint?: string }[];
  name: "syncScope.userStatuses" | "syncScope.userTypes";
  control: Control<ScopeValues>;
  hint: string;
  testId: string;
}) {
  const { field } = useController({ control, name });
  const chosen = field.value as T[];
  const error = useFieldError(control, name);
  const idBase = useId();
  return (
    <fieldset className="space-y-2" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <p className="text-xs text-slate-500">{hint}</p>
      <div className="flex flex-wrap gap-x-5 gap-y-1.5">
        {values.length === 0 && <span className="text-xs text-slate-500">None synced yet.</span>}
        {values.map((v, i) => (
          <div key={v.value} className="flex items-center gap-1.5 text-sm text-slate-800">
            <Checkbox
              id={`${idBase}-${i}`}
              checked={chosen.includes(v.value)}
              onCheckedChange={(on) => field.onChange(on ? [...chosen, v.value].sort() : chosen.filter((x) => x !== v.value))}
            />
            <label htmlFor={`${idBase}-${i}`}>{v.label}</label>
            {v.hint && <span className="text-xs text-slate-500">{v.hint}</span>}
          </div>
        ))}
      </div>
      {error && <p className="text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}

const sameSet = (a: string[] | undefined, b: string[]) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());

function ScopeEditor({ s }: { s: Settings }) {
  const qc = useQueryClient();
  const id = s.integrationId;
  const initial = s.syncScope ?? {};
  const chosenIds = [...(initial.groupIds ?? []), ...(initial.appIds ?? [])];
  // The saved scope's groups and apps by name, and the user types to offer.
  const { data: base, error } = useQuery({
    queryKey: [...integrationKeys.all(id), "scope-options", "chosen", chosenIds],
    queryFn: ({ signal }) =>
      api(optionsUrl(id, { ids: chosenIds.join(",") || undefined, limit: "1" }), { schema: scopeOptionsSchema, signal }),
  });
  const names = useRef(new Map<string, string>()).current;
  for (const g of base?.groups ?? []) names.set(g.id, g.name);
  for (const a of base?.apps ?? []) names.set(a.id, a.label);

  const form = useForm<ScopeValues>({
    // The settings route's own schema judges the body before anything is sent.
    resolver: bodyResolver((v) => ({ schema: settingsInput, body: bodyOf(v) })),
    defaultValues: {
      syncScope: {
        groupIds: initial.groupIds ?? [],
        appIds: initial.appIds ?? [],
        userTypes: initial.userTypes ?? [],
        userStatuses: initial.userStatuses ?? [],
      },
    },
  });
  const { control } = form;
  const v = useWatch({ control, name: "syncScope" });
  const everything = !v.groupIds.length && !v.appIds.length && !v.userTypes.length && !v.userStatuses.length;
  const dirty = !(
    sameSet(initial.groupIds, v.groupIds) &&
    sameSet(initial.appIds, v.appIds) &&
    sameSet(initial.userTypes, v.userTypes) &&
    sameSet(initial.userStatuses, v.userStatuses)
  );
  const [saved, setSaved] = useState<boolean | null>(null);

  const save = useMutation({
    mutationFn: (body: unknown) => api(`/api/integrations/${id}/settings`, { method: "PATCH", body, schema: settingsUpdateResult }),
    onSuccess: (result) => {
      const { changed, ...settings } = result;
      setSaved(changed.includes("syncScope"));
      qc.setQueryData(integrationKeys.settings(id), settings);
      void qc.invalidateQueries({ queryKey: integrationKeys.overview(id) });
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const submit = form.handleSubmit((values) => save.mutate(settingsInput.parse(bodyOf(values))));

  const typeValues = [...new Set([...(base?.userTypes.map((t) => t.value) ?? []), ...v.userTypes])].map((t) => {
    const n = base?.userTypes.find((x) => x.value === t)?.users;
    return { value: t, label: t, hint: n === undefined ? undefined : formatCount(n) };
  });

  return (
    <form
      onSubmit={(e) => {
        setSaved(null);
        return submit(e);
      }}
      noValidate
    >
      <CardBody className="space-y-6">
        {error && <Alert tone="danger">The groups and apps to choose from could not be loaded: {error.message}</Alert>}
        <div className="grid grid-cols-1 gap-6 sm:grid-cols-2">
          <ScopePicker id={id} kind="groups" label="Groups" control={control} names={names} />
          <ScopePicker id={id} kind="apps" label="Apps" control={control} names={names} />
        </div>
        <p className="-mt-3 text-xs text-slate-500">
          With groups chosen, only their members are synced (with those groups and their memberships). With apps chosen, only those apps and
          their assignments.
        </p>
        <Checks
          label="User statuses"
          hint="Only users with these statuses (none ticked: every status)."
          values={OKTA_USER_STATUSES.map((x) => ({ value: x, label: userStatusLabel(x) }))}
          name="syncScope.userStatuses"
          control={control}
          testId="scope-statuses"
        />
        <Checks
          label="User types"
          hint="Only users of these types, from the synced users' user type (none ticked: every type)."
          values={typeValues}
          name="syncScope.userTypes"
          control={control}
          testId="scope-types"
        />
        <FormError control={control} />
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
            onClick={() => form.setValue("syncScope", { groupIds: [], appIds: [], userTypes: [], userStatuses: [] }, { shouldDirty: true })}
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

/** The PATCH body: no restriction at all is stored as no scope. */
function bodyOf(v: ScopeValues) {
  const s = v.syncScope;
  const everything = !s.groupIds.length && !s.appIds.length && !s.userTypes.length && !s.userStatuses.length;
  return { syncScope: everything ? null : s };
}
