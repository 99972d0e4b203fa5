import { PageHeader, Tabs } from "@/components/ui";
import type { FacetsData } from "@/lib/directory/responses";

/** The directory's title and its People | Groups | Apps tabs with how many of each are synced. */
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
        breadcrumbs={[{ label: "Console", href: "/integrations" }, { label: "Directory" }]}
        title="Directory"
        description={description}
        actions={actions}
      />
      <Tabs
        label="Directory sections"
        items={[
          { id: "people", label: "People", href: "/directory/people", count: totals.users },
          { id: "groups", label: "Groups", href: "/directory/groups", count: totals.groups },
          { id: "apps", label: "Apps", href: "/directory/apps", count: totals.apps },
        ]}
      />
    </>
  );
}
