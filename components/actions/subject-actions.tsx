"use client";
// The Actions menu of a group's and an app's page: member changes (a group's), user and group
// assignments (an app's, or a group's apps). Each item picks the other party in the dialog (people,
// groups or apps of the same org); the kinds the credentials or the subject's state (a group's type)
// do not allow are disabled with the server's reason (GET …/actions/available).
import { useState } from "react";
import {
  ActionIcon,
  Button,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui";
import type { ActionKind } from "@/db/enums";
import { ActionDialog, type ActionSpec } from "./action-dialog";
import { DISABLED_ITEM, MenuItemBody, MenuNotice, SCROLLING_MENU } from "./person-actions";
import { useAvailableActions } from "./queries";

type Subject = { type: "group"; id: string; name: string } | { type: "app"; id: string; name: string };

/** What each item is called on the page, and how its targets are picked. */
function itemOf(kind: ActionKind, s: Subject): { label: string; pick: NonNullable<ActionSpec["pick"]> } | null {
  const g = s.type === "group";
  switch (kind) {
    case "group.add_member":
      return { label: "Add people", pick: { kind: "users", label: "People to add", target: (userId) => ({ groupId: s.id, userId }) } };
    case "group.remove_member":
      return {
        label: "Remove people",
        pick: { kind: "users", label: "People to remove", target: (userId) => ({ groupId: s.id, userId }) },
      };
    case "app.assign_user":
      return s.type === "app"
        ? { label: "Assign to people", pick: { kind: "users", label: "People", target: (userId) => ({ appId: s.id, userId }) } }
        : null;
    case "app.unassign_user":
      return s.type === "app"
        ? { label: "Unassign people", pick: { kind: "users", label: "People", target: (userId) => ({ appId: s.id, userId }) } }
        : null;
    case "app.assign_group":
      return g
        ? { label: "Assign apps", pick: { kind: "apps", label: "Apps", target: (appId) => ({ appId, groupId: s.id }) } }
        : {
            label: "Assign to groups",
            pick: { kind: "groups", label: "Groups", target: (groupId) => ({ appId: s.id, groupId }) },
          };
    case "app.unassign_group":
      return g
        ? { label: "Unassign apps", pick: { kind: "apps", label: "Apps", target: (appId) => ({ appId, groupId: s.id }) } }
        : {
            label: "Unassign from groups",
            pick: { kind: "groups", label: "Groups", target: (groupId) => ({ appId: s.id, groupId }) },
          };
    default:
      return null;
  }
}

export function SubjectActions({ integrationId, subject }: { integrationId: string; subject: Subject }) {
  const [asked, setAsked] = useState(false);
  const [spec, setSpec] = useState<ActionSpec | null>(null);
  const available = useAvailableActions(integrationId, subject.type === "group" ? { groupId: subject.id } : { appId: subject.id }, asked);
  const canRequest = available.data?.canRequest;
  return (
    <>
      <DropdownMenu modal={false} onOpenChange={(o) => o && setAsked(true)}>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" data-testid="subject-actions">
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
          {available.data?.kinds.map((a) => {
            const item = itemOf(a.kind, subject);
            if (!item) return null;
            return (
              <DropdownMenuItem
                key={a.kind}
                className={DISABLED_ITEM}
                disabled={!a.allowed || !canRequest?.ok}
                data-kind={a.kind}
                onSelect={() =>
                  setSpec({
                    integrationId,
                    kind: a.kind,
                    targets: [],
                    pick: item.pick,
                    subjectLabel: subject.name,
                  })
                }
              >
                <MenuItemBody a={{ ...a, label: item.label }} />
              </DropdownMenuItem>
            );
          })}
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog spec={spec} onClose={() => setSpec(null)} />
    </>
  );
}
