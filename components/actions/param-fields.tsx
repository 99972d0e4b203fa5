"use client";
// The parameters of each action kind as form fields, and the parameters the request sends built from
// them (toParams). The fields carry the body's own paths (`params.profile.email`, `params.priority`),
// so the catalogue's zod schema (lib/actions/kinds.ts) and the server's 400s land on the right field.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { type Control, Controller, type UseFormReturn, useController, useWatch } from "react-hook-form";
import { Button, Checkbox, type ComboboxOption, Input, MultiCombobox, Select, XIcon } from "@/components/ui";
import { FormField, useFieldError } from "@/components/ui/form";
import type { ActionKind } from "@/db/enums";
import { EDITABLE_PROFILE_FIELDS, type EditableProfileField } from "@/lib/actions/kinds";
import { api } from "@/lib/api/client";
import { appPage, groupPage, userPage } from "@/lib/directory/responses";
import { formatCount } from "@/lib/format";

export interface ActionFormValues {
  reason: string;
  /** What a destructive kind asks to type (the person's login, or the number of targets). */
  confirm: string;
  params: {
    sendEmail?: boolean;
    /** update_profile: the chosen fields; user.create: the new person's profile. */
    profile?: Record<string, string>;
    groupIds?: string[];
    activate?: "now" | "stage";
    userName?: string;
    priority?: string;
  };
}

/** Kinds that email the person or, without email, make a one-time link. */
const SEND_EMAIL: Partial<Record<ActionKind, string>> = {
  "user.activate": "Email the activation link to the person",
  "user.reactivate": "Email the new activation link to the person",
  "user.reset_password": "Email the password reset link to the person",
};

/** Whether a kind has parameters to choose in the dialog. */
export const hasParams = (kind: ActionKind) =>
  kind in SEND_EMAIL ||
  kind === "user.update_profile" ||
  kind === "user.create" ||
  kind === "app.assign_user" ||
  kind === "app.assign_group";

export function defaultParams(kind: ActionKind, profile?: Record<string, unknown>): ActionFormValues["params"] {
  if (kind in SEND_EMAIL) return { sendEmail: true };
  if (kind === "user.update_profile") return { profile: {} };
  if (kind === "user.create")
    return {
      profile: { firstName: "", lastName: "", email: "", login: "", title: "", department: "", ...stringsOf(profile) },
      groupIds: [],
      activate: "stage",
    };
  if (kind === "app.assign_user") return { userName: "" };
  if (kind === "app.assign_group") return { priority: "" };
  return {};
}

const stringsOf = (o?: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));

const OPTIONAL_CREATE_FIELDS = ["title", "department", "manager", "employeeNumber", "mobilePhone"] as const;

/** The request's parameters from the form's values. */
export function toParams(kind: ActionKind, p: ActionFormValues["params"]): Record<string, unknown> {
  if (kind in SEND_EMAIL) return { sendEmail: p.sendEmail ?? true };
  if (kind === "user.update_profile")
    // An emptied field is cleared in Okta (null), not set to an empty string.
    return { profile: Object.fromEntries(Object.entries(p.profile ?? {}).map(([k, v]) => [k, v.trim() === "" ? null : v.trim()])) };
  if (kind === "user.create") {
    const profile = Object.fromEntries(
      Object.entries(p.profile ?? {})
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([k, v]) => v !== "" || !(OPTIONAL_CREATE_FIELDS as readonly string[]).includes(k)),
    );
    // The login is usually the email: an empty login takes it.
    if (!profile.login && profile.email) profile.login = profile.email;
    return { profile, groupIds: p.groupIds ?? [], activate: p.activate === "now" };
  }
  if (kind === "app.assign_user") return p.userName?.trim() ? { userName: p.userName.trim() } : {};
  if (kind === "app.assign_group") return p.priority?.trim() ? { priority: Number(p.priority) } : {};
  return {};
}

/** "firstName" → "First name". */
export const fieldLabel = (f: string) => {
  const words = f.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What a picker chooses from: the integration's synced people, groups or apps. */
export type PickKind = "users" | "groups" | "apps";
/** An option, with what a destructive action asks to type for it (a person's login, a group's or app's name). */
export type PickOption = ComboboxOption & { typed: string };

/** A server-side search of the integration's synced people, groups or apps, for a combobox. */
export function useDirectorySearch(integrationId: string, kind: PickKind, extra: Record<string, string> = {}) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  const query = useInfiniteQuery({
    queryKey: ["directory", kind, "search", integrationId, q, extra],
    queryFn: async ({ pageParam, signal }): Promise<{ options: PickOption[]; nextCursor: string | null }> => {
      const qs = new URLSearchParams({
        integrationId,
        limit: "25",
        ...(q ? { q } : {}),
        ...extra,
        ...(pageParam ? { cursor: pageParam } : {}),
      });
      if (kind === "users") {
        const page = await api(`/api/directory/users?${qs}`, { schema: userPage, signal });
        return {
          options: page.items.map((u) => ({
            value: u.id,
            label: [u.firstName, u.lastName].filter(Boolean).join(" ") || u.login,
            hint: `${u.login} · ${u.status}`,
            typed: u.login,
          })),
          nextCursor: page.nextCursor,
        };
      }
      if (kind === "apps") {
        const page = await api(`/api/directory/apps?${qs}`, { schema: appPage, signal });
        return {
          options: page.items.map((a) => ({
            value: a.id,
            label: a.label,
            hint: a.status === "ACTIVE" ? a.name : `${a.name} · ${a.status}`,
            typed: a.label,
          })),
          nextCursor: page.nextCursor,
        };
      }
      const page = await api(`/api/directory/groups?${qs}`, { schema: groupPage, signal });
      return {
        options: page.items.map((g) => ({ value: g.id, label: g.name, hint: `${formatCount(g.memberCount)} members`, typed: g.name })),
        nextCursor: page.nextCursor,
      };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const options = (query.data?.pages ?? []).flatMap((p) => p.options);
  return { search, setSearch, query, options, stale: search.trim() !== q };
}

/** A multi-select of the integration's people, groups or apps, searched on the server. */
export function DirectoryPicker({
  integrationId,
  kind,
  label,
  chosen,
  onChange,
  names,
  extra,
  error,
  testId,
}: {
  integrationId: string;
  kind: PickKind;
  label: string;
  chosen: string[];
  onChange: (ids: string[]) => void;
  /** Options seen so far, by id (kept by the caller so chosen chips keep their names). */
  names: Map<string, PickOption>;
  extra?: Record<string, string>;
  error?: string;
  testId?: string;
}) {
  const s = useDirectorySearch(integrationId, kind, extra);
  for (const o of s.options) names.set(o.value, o);
  const errorId = useId();
  return (
    <div>
      <MultiCombobox
        label={label}
        chosen={chosen}
        onChange={onChange}
        labelOf={(v) => names.get(v)?.label ?? v}
        options={s.options}
        search={s.search}
        onSearchChange={s.setSearch}
        loading={s.stale || s.query.isFetching}
        error={s.query.error?.message}
        hasMore={s.query.hasNextPage}
        onLoadMore={() => void s.query.fetchNextPage()}
        invalid={!!error}
        describedBy={error ? errorId : undefined}
        emptyText="None chosen yet."
        testId={testId}
      />
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

function SendEmailField({ control, label }: { control: Control<ActionFormValues>; label: string }) {
  const id = useId();
  return (
    <Controller
      control={control}
      name="params.sendEmail"
      render={({ field }) => (
        <div>
          <div className="flex items-center gap-2">
            <Checkbox id={id} checked={field.value ?? true} onCheckedChange={(v) => field.onChange(v === true)} />
            <label htmlFor={id} className="text-sm text-slate-800">
              {label}
            </label>
          </div>
          {field.value === false && (
            <p className="mt-1 pl-6 text-xs text-slate-600">Without email, the one-time link is shown to you once, to pass on.</p>
          )}
        </div>
      )}
    />
  );
}

/** Edit profile: the fields to change, each added from a list and prefilled with its current value. */
function ProfileChanges({ form, current }: { form: UseFormReturn<ActionFormValues>; current: Record<string, unknown> }) {
  const profile = useWatch({ control: form.control, name: "params.profile" }) ?? {};
  const chosen = Object.keys(profile) as EditableProfileField[];
  const addId = useId();
  const error = useFieldError(form.control, "params.profile");
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Fields to change</legend>
      {chosen.length === 0 && <p className="text-xs text-slate-500">Add the fields to change; the others stay as they are.</p>}
      {chosen.map((f) => (
        <div key={f} className="flex items-end gap-2">
          <FormField
            control={form.control}
            name={`params.profile.${f}`}
            label={fieldLabel(f)}
            hint={`Now: ${typeof current[f] === "string" && current[f] ? current[f] : "empty"}`}
            className="flex-1"
          >
            <Input {...form.register(`params.profile.${f}`)} />
          </FormField>
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Do not change ${fieldLabel(f).toLowerCase()}`}
            className="mb-5"
            onClick={() => {
              const { [f]: _, ...rest } = form.getValues("params.profile") ?? {};
              form.setValue("params.profile", rest, { shouldValidate: form.formState.isSubmitted });
            }}
          >
            <XIcon size={14} />
          </Button>
        </div>
      ))}
      <div>
        <label htmlFor={addId} className="sr-only">
          Add a field to change
        </label>
        <Select
          id={addId}
          value=""
          onChange={(e) => {
            const f = e.target.value;
            if (!f) return;
            form.setValue("params.profile", { ...(form.getValues("params.profile") ?? {}), [f]: stringsOf(current)[f] ?? "" });
          }}
          className="w-full sm:w-64"
        >
          <option value="">Add a field to change…</option>
          {EDITABLE_PROFILE_FIELDS.filter((f) => !chosen.includes(f)).map((f) => (
            <option key={f} value={f}>
              {fieldLabel(f)}
            </option>
          ))}
        </Select>
      </div>
      {error && <p className="text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}

/** A new person: profile, groups, and activate now or stage. */
function CreateFields({ form, integrationId }: { form: UseFormReturn<ActionFormValues>; integrationId: string }) {
  const { field: groups } = useController({ control: form.control, name: "params.groupIds" });
  const groupsError = useFieldError(form.control, "params.groupIds");
  const [names] = useState(() => new Map<string, PickOption>());
  const c = form.control;
  const activateId = useId();
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <FormField control={c} name="params.profile.firstName" label="First name">
          <Input {...form.register("params.profile.firstName")} autoComplete="off" />
        </FormField>
        <FormField control={c} name="params.profile.lastName" label="Last name">
          <Input {...form.register("params.profile.lastName")} autoComplete="off" />
        </FormField>
        <FormField control={c} name="params.profile.email" label="Email">
          <Input type="email" {...form.register("params.profile.email")} autoComplete="off" />
        </FormField>
        <FormField control={c} name="params.profile.login" label="Login" hint="Okta's user name; the email when left empty.">
          <Input {...form.register("params.profile.login")} autoComplete="off" />
        </FormField>
        <FormField control={c} name="params.profile.title" label="Title (optional)">
          <Input {...form.register("params.profile.title")} autoComplete="off" />
        </FormField>
        <FormField control={c} name="params.profile.department" label="Department (optional)">
          <Input {...form.register("params.profile.department")} autoComplete="off" />
        </FormField>
      </div>
      <DirectoryPicker
        integrationId={integrationId}
        kind="groups"
        label="Groups"
        chosen={groups.value ?? []}
        onChange={groups.onChange}
        names={names}
        extra={{ type: "OKTA_GROUP" }}
        error={groupsError}
        testId="create-groups"
      />
      <Controller
        control={c}
        name="params.activate"
        render={({ field }) => (
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Activation</legend>
            <div className="mt-1 space-y-1.5">
              {(
                [
                  ["stage", "Stage: create now, activate later"],
                  ["now", "Activate now: Okta emails the activation link"],
                ] as const
              ).map(([v, text]) => (
                <label key={v} className="flex items-center gap-2 text-sm text-slate-800" htmlFor={`${activateId}-${v}`}>
                  <input
                    id={`${activateId}-${v}`}
                    type="radio"
                    name={field.name}
                    value={v}
                    checked={field.value === v}
                    onChange={() => field.onChange(v)}
                    className="size-4 accent-brand-600"
                  />
                  {text}
                </label>
              ))}
            </div>
          </fieldset>
        )}
      />
    </div>
  );
}

/** The kind's parameter fields (nothing for a kind without parameters). */
export function ParamFields({
  kind,
  form,
  integrationId,
  currentProfile,
}: {
  kind: ActionKind;
  form: UseFormReturn<ActionFormValues>;
  integrationId: string;
  /** The person's profile as synced, to prefill Edit profile's fields. */
  currentProfile?: Record<string, unknown>;
}) {
  if (SEND_EMAIL[kind]) return <SendEmailField control={form.control} label={SEND_EMAIL[kind]} />;
  if (kind === "user.update_profile") return <ProfileChanges form={form} current={currentProfile ?? {}} />;
  if (kind === "user.create") return <CreateFields form={form} integrationId={integrationId} />;
  if (kind === "app.assign_user")
    return (
      <FormField
        control={form.control}
        name="params.userName"
        label="User name in the app (optional)"
        hint="Okta derives it from the app's user name template when left empty."
      >
        <Input {...form.register("params.userName")} autoComplete="off" />
      </FormField>
    );
  if (kind === "app.assign_group")
    return (
      <FormField
        control={form.control}
        name="params.priority"
        label="Priority (optional)"
        hint="Which group's app profile wins when a person is in several assigned groups (0 first)."
      >
        <Input inputMode="numeric" {...form.register("params.priority")} autoComplete="off" />
      </FormField>
    );
  return null;
}
