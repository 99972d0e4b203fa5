import { PageHeader, TabNav } from "@/components/ui";
import type { FacetsData } from "@/lib/directory/responses";
import { links } from "@/lib/links";

/** The directory's title and its People | Groups | Apps tabs with how many of each are synced, and Unused access. */
export function DirectoryHeader({
  totals,
  description,
  actions,
}: {
  totals: FacetsData["totals"];
  description: string;
  actions?: React.ReactNode;
}) {
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.integrations() }, { label: "Directory" }]}
        title="Directory"
        description={description}
        actions={actions}
      />
      <TabNav
        label="Directory sections"
        items={[
          { id: "people", label: "People", href: links.people(), count: totals.users },
          { id: "groups", label: "Groups", href: links.groups(), count: totals.groups },
          { id: "apps", label: "Apps", href: links.apps(), count: totals.apps },
          {
            id: "unused-access",
            // "Unused" on a phone, so the four tabs fit its width.
            label: (
              <span>
                Unused<span className="hidden sm:inline"> access</span>
              </span>
            ),
            href: links.unusedAccess(),
          },
        ]}
      />
    </>
  );
}
