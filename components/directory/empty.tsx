import Link from "next/link";
import { ButtonLink, Card, EmptyState, UsersIcon } from "@/components/ui";
import type { FacetsData } from "@/lib/directory/responses";
import { links } from "@/lib/links";

/**
 * The directory before any data: no Okta org connected yet, or connected but not synced. Returns
 * null when there is something to show.
 */
export function NothingSynced({ facets, isAdmin }: { facets: FacetsData; isAdmin: boolean }) {
  const { integrations, totals } = facets;
  if (totals.users + totals.groups + totals.apps > 0) return null;
  if (integrations.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<UsersIcon size={20} />}
          title="Connect Okta to see your directory"
          description={
            isAdmin
              ? "Once an Okta org is connected and synced, its people, groups and apps appear here, searchable and exportable."
              : "Ask an admin of this workspace to connect your Okta org. Its people, groups and apps appear here after the first sync."
          }
          action={isAdmin ? <ButtonLink href={links.integrations()}>Connect Okta</ButtonLink> : undefined}
        />
      </Card>
    );
  }
  const first = integrations[0];
  return (
    <Card>
      <EmptyState
        icon={<UsersIcon size={20} />}
        title="Nothing synced yet"
        description={
          <>
            {integrations.length === 1 ? <strong className="font-medium text-slate-700">{first.name}</strong> : "Your Okta orgs"}{" "}
            {integrations.length === 1 ? "is" : "are"} connected, but no people, groups or apps have been synced yet. The first sync usually
            finishes within minutes; its progress and any problems show on the{" "}
            <Link className="text-brand-700 underline" href={links.overview(first.id)}>
              integration page
            </Link>
            .
          </>
        }
        action={
          <ButtonLink href={links.overview(first.id)} variant="secondary">
            View sync status
          </ButtonLink>
        }
      />
    </Card>
  );
}
