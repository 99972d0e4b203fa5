"use client";
// The Actions menu of a person's page: every action on a person, in groups; those the integration's
// credentials or the person's current state (read fresh from Okta when the menu opens) do not allow are
// disabled with the reason, as the server says it (GET …/actions/available). Choosing one opens the
// confirm dialog.
import { useState } from "react";
import {
  ActionIcon,
  Badge,
  Button,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  Spinner,
} from "@/components/ui";
import type { ActionKind } from "@/db/enums";
import type { AvailableAction } from "@/lib/actions/contracts";
import { ActionDialog, type ActionSpec } from "./action-dialog";
import { useAvailableActions } from "./queries";

const SECTIONS: { title: string; kinds: ActionKind[] }[] = [
  {
    title: "Lifecycle",
    kinds: ["user.activate", "user.reactivate", "user.unlock", "user.suspend", "user.unsuspend", "user.deactivate", "user.delete"],
  },
  { title: "Sign-in", kinds: ["user.reset_password", "user.expire_password", "user.revoke_sessions", "user.reset_factors"] },
  { title: "Profile", kinds: ["user.update_profile"] },
];

/**
 * The actions menus: not modal (a modal menu hides the page with aria-hidden while its controls stay
 * focusable), as tall as the screen allows and scrolled beyond, the scrolled list reachable by keyboard.
 */
export const SCROLLING_MENU = "max-h-[min(70vh,var(--radix-dropdown-menu-content-available-height))] w-80 overflow-y-auto";
/** A disabled item keeps its reason readable: the label is muted, not the whole item faded. */
export const DISABLED_ITEM = "data-[disabled]:opacity-100";

export function MenuItemBody({ a }: { a: AvailableAction }) {
  return (
    <span className="min-w-0 flex-1">
      <span className="flex items-center gap-2">
        <span className={!a.allowed ? "font-medium text-slate-500" : a.destructive ? "font-medium text-red-700" : "font-medium"}>
          {a.label}
        </span>
        {a.allowed && a.approval !== "none" && <Badge tone="warning">Needs approval</Badge>}
      </span>
      {!a.allowed && a.why && <span className="mt-0.5 block text-xs whitespace-normal text-slate-600">{a.why}</span>}
    </span>
  );
}

/** The menu's state while it reads, or why nothing can be requested. */
export function MenuNotice({
  loading,
  error,
  readError,
  cannot,
}: {
  loading: boolean;
  error: Error | null;
  readError: string | null | undefined;
  cannot: string | null | undefined;
}) {
  if (loading)
    return (
      <DropdownMenuLabel>
        <Spinner label="Checking what Okta allows…" />
      </DropdownMenuLabel>
    );
  if (error) return <DropdownMenuLabel className="text-red-700">{error.message}</DropdownMenuLabel>;
  return (
    <>
      {cannot && <DropdownMenuLabel className="text-xs whitespace-normal text-slate-600">{cannot}</DropdownMenuLabel>}
      {readError && <DropdownMenuLabel className="text-xs whitespace-normal text-amber-800">{readError}</DropdownMenuLabel>}
    </>
  );
}

export function PersonActions({
  integrationId,
  person,
}: {
  integrationId: string;
  person: { id: string; login: string; profile: Record<string, unknown> };
}) {
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState(false);
  const [spec, setSpec] = useState<ActionSpec | null>(null);
  const available = useAvailableActions(integrationId, { userId: person.id }, asked);
  const byKind = new Map(available.data?.kinds.map((k) => [k.kind, k]));
  const canRequest = available.data?.canRequest;
  return (
    <>
      <DropdownMenu
        modal={false}
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) setAsked(true);
        }}
      >
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" data-testid="person-actions">
            <ActionIcon size={16} />
            Actions
            <ChevronDownIcon size={14} />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className={SCROLLING_MENU} tabIndex={0}>
          <MenuNotice
            loading={available.isPending}
            error={available.error}
            readError={available.data?.readError}
            cannot={canRequest && !canRequest.ok ? canRequest.why : null}
          />
          {available.data &&
            SECTIONS.map((s, i) => (
              <DropdownMenuGroup key={s.title}>
                {i > 0 && <DropdownMenuSeparator />}
                <DropdownMenuLabel className="pb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">{s.title}</DropdownMenuLabel>
                {s.kinds.map((k) => {
                  const a = byKind.get(k);
                  if (!a) return null;
                  return (
                    <DropdownMenuItem
                      key={k}
                      className={DISABLED_ITEM}
                      disabled={!a.allowed || !canRequest?.ok}
                      data-kind={k}
                      onSelect={() =>
                        setSpec({
                          integrationId,
                          kind: k,
                          targets: [{ userId: person.id }],
                          subjectLabel: person.login,
                          confirmText: person.login,
                          currentProfile: person.profile,
                        })
                      }
                    >
                      <MenuItemBody a={a} />
                    </DropdownMenuItem>
                  );
                })}
              </DropdownMenuGroup>
            ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog spec={spec} onClose={() => setSpec(null)} />
    </>
  );
}
