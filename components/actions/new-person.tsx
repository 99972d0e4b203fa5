"use client";
// "New person" on the People page: user.create in the confirm dialog (profile, groups, activate now or
// stage). With one Okta org it opens at once; with several, a menu asks which org. It is disabled, with
// the reason, when the org's credentials do not allow creating people.
import { useState } from "react";
import { canRequestActions, useConsoleUser } from "@/components/shell/console-user";
import {
  Button,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
  Tooltip,
  UserPlusIcon,
} from "@/components/ui";
import { whyNotAllowed } from "@/lib/integrations/allowed-actions";
import { ActionDialog, type ActionSpec } from "./action-dialog";
import { useIntegrationCredentials } from "./queries";

export function NewPersonButton({ integrations }: { integrations: { id: string; name: string }[] }) {
  const me = useConsoleUser();
  const [spec, setSpec] = useState<ActionSpec | null>(null);
  const only = integrations.length === 1 ? integrations[0] : null;
  const creds = useIntegrationCredentials(only?.id ?? null);
  if (!canRequestActions(me) || integrations.length === 0) return null;
  const open = (integrationId: string) => setSpec({ integrationId, kind: "user.create", targets: [], subjectLabel: "" });
  const why = creds.data && !creds.data.allowedActions.includes("user.create") ? whyNotAllowed(creds.data, "user.create") : null;
  const label = (
    <>
      <UserPlusIcon size={16} />
      New person
    </>
  );
  return (
    <>
      {only ? (
        why ? (
          <Tooltip content={why}>
            {/* aria-disabled, not disabled: it stays focusable, so keyboard users reach the reason. */}
            <Button variant="secondary" aria-disabled="true" className="cursor-not-allowed opacity-60" data-testid="new-person">
              {label}
            </Button>
          </Tooltip>
        ) : (
          <Button variant="secondary" onClick={() => open(only.id)} disabled={!creds.data} data-testid="new-person">
            {label}
          </Button>
        )
      ) : (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="secondary" data-testid="new-person">
              {label}
              <ChevronDownIcon size={14} />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {integrations.map((i) => (
              <DropdownMenuItem key={i.id} onSelect={() => open(i.id)}>
                In {i.name}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
      <ActionDialog spec={spec} onClose={() => setSpec(null)} />
    </>
  );
}
