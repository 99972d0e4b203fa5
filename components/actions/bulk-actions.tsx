"use client";
// Bulk actions from a directory selection: a checkbox column (with "select all shown"), and a bar
// that says how many are selected and requests one action for all of them (one request, one reason,
// one approval; the preview judges each person and a refused one is skipped with its reason). Kinds the
// integration's credentials do not allow are disabled with the reason; a selection spanning two Okta
// orgs cannot be one request.
import { useState } from "react";
import { canRequestActions, useConsoleUser } from "@/components/shell/console-user";
import {
  ActionIcon,
  Button,
  Checkbox,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  Spinner,
} from "@/components/ui";
import type { Column } from "@/components/ui/data-table";
import type { ActionKind } from "@/db/enums";
import type { ActionTargetInput } from "@/lib/actions/contracts";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { plural } from "@/lib/format";
import { whyNotAllowed } from "@/lib/integrations/allowed-actions";
import { ActionDialog, type ActionSpec } from "./action-dialog";
import { DISABLED_ITEM, SCROLLING_MENU } from "./person-actions";
import { useIntegrationCredentials } from "./queries";

export interface Selected {
  integrationId: string;
  userId: string;
  login: string;
}

/** People selected in a table, by integration and id; kept while the list is filtered or paged. */
export function useSelection() {
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const key = (s: Pick<Selected, "integrationId" | "userId">) => `${s.integrationId}/${s.userId}`;
  return {
    selected,
    has: (s: Pick<Selected, "integrationId" | "userId">) => selected.has(key(s)),
    toggle: (s: Selected, on: boolean) =>
      setSelected((m) => {
        const next = new Map(m);
        if (on) next.set(key(s), s);
        else next.delete(key(s));
        return next;
      }),
    setAll: (rows: Selected[], on: boolean) =>
      setSelected((m) => {
        const next = new Map(m);
        for (const s of rows) {
          if (on) next.set(key(s), s);
          else next.delete(key(s));
        }
        return next;
      }),
    clear: () => setSelected(new Map()),
  };
}
export type Selection = ReturnType<typeof useSelection>;

/** The checkbox column of a table of people (only for those who may request actions). */
export function selectColumn<T>(selection: Selection, rows: T[], toSelected: (row: T) => Selected, name: (row: T) => string): Column<T> {
  const shown = rows.map(toSelected);
  const all = shown.length > 0 && shown.every((s) => selection.has(s));
  const some = !all && shown.some((s) => selection.has(s));
  return {
    header: "Select",
    width: "w-10",
    headerCell: (
      <Checkbox
        aria-label="Select everyone shown"
        checked={all ? true : some ? "indeterminate" : false}
        onCheckedChange={(v) => selection.setAll(shown, v === true)}
      />
    ),
    cell: (row) => {
      const s = toSelected(row);
      return (
        <Checkbox aria-label={`Select ${name(row)}`} checked={selection.has(s)} onCheckedChange={(v) => selection.toggle(s, v === true)} />
      );
    },
  };
}

/** Kinds offered for a selection of people, in the menu's order. */
export const BULK_USER_KINDS: ActionKind[] = [
  "user.suspend",
  "user.unsuspend",
  "user.unlock",
  "user.reset_password",
  "user.expire_password",
  "user.revoke_sessions",
  "user.reset_factors",
  "user.activate",
  "user.deactivate",
];

export interface BulkExtra {
  kind: ActionKind;
  /** The item's words on this page ("Remove from Engineering"). */
  label: string;
  target: (s: Selected) => ActionTargetInput;
}

/** The bar above a table with a selection: the count, Clear, and the actions for all of them. */
export function BulkBar({ selection, extra = [] }: { selection: Selection; extra?: BulkExtra[] }) {
  const me = useConsoleUser();
  const [spec, setSpec] = useState<ActionSpec | null>(null);
  const people = [...selection.selected.values()];
  const orgs = new Set(people.map((p) => p.integrationId));
  const integrationId = orgs.size === 1 ? people[0].integrationId : null;
  const creds = useIntegrationCredentials(integrationId);
  if (!canRequestActions(me) || people.length === 0) return null;
  const allowed = new Set(creds.data?.allowedActions ?? []);
  const why = (kind: ActionKind) =>
    orgs.size > 1
      ? "The selection holds people of more than one Okta org; one request acts on one org."
      : creds.data && !allowed.has(kind)
        ? whyNotAllowed(creds.data, kind)
        : null;
  const open = (kind: ActionKind, target: (s: Selected) => ActionTargetInput) =>
    integrationId &&
    setSpec({
      integrationId,
      kind,
      targets: people.map(target),
      subjectLabel: people.length === 1 ? people[0].login : plural(people.length, "person", "people"),
      confirmText: people.length === 1 ? people[0].login : undefined,
    });
  const item = (kind: ActionKind, label: string, target: (s: Selected) => ActionTargetInput) => {
    const reason = why(kind);
    return (
      <DropdownMenuItem
        key={`${kind}:${label}`}
        className={DISABLED_ITEM}
        disabled={!!reason || !creds.data}
        data-kind={kind}
        onSelect={() => open(kind, target)}
      >
        <span className="min-w-0 flex-1">
          <span
            className={
              reason ? "font-medium text-slate-500" : ACTION_KIND_INFO[kind].destructive ? "font-medium text-red-700" : "font-medium"
            }
          >
            {label}
          </span>
          {reason && <span className="mt-0.5 block text-xs whitespace-normal text-slate-600">{reason}</span>}
        </span>
      </DropdownMenuItem>
    );
  };
  return (
    <div
      className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2 text-sm"
      data-testid="bulk-bar"
      aria-live="polite"
    >
      <span className="font-medium text-brand-800">{plural(people.length, "person", "people")} selected</span>
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Clear
      </Button>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button size="sm" data-testid="bulk-actions">
            <ActionIcon size={14} />
            Actions for {people.length === 1 ? "them" : `all ${people.length}`}
            <ChevronDownIcon size={14} />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className={SCROLLING_MENU} tabIndex={0}>
          {creds.isPending && integrationId && (
            <DropdownMenuLabel>
              <Spinner label="Checking what the credentials allow…" />
            </DropdownMenuLabel>
          )}
          {extra.map((x) => item(x.kind, x.label, x.target))}
          {extra.length > 0 && <DropdownMenuSeparator />}
          {BULK_USER_KINDS.map((k) => item(k, ACTION_KIND_INFO[k].label, (s) => ({ userId: s.userId })))}
          <DropdownMenuSeparator />
          <DropdownMenuLabel className="text-xs whitespace-normal text-slate-500">
            The preview checks each person's current state in Okta; anyone it refuses is skipped with the reason.
          </DropdownMenuLabel>
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog spec={spec} onClose={() => setSpec(null)} />
    </div>
  );
}
