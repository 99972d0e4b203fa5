import { PageHeader, type TabItem, Tabs } from "@/components/ui";

/** Header and section tabs shared by the Settings pages. API keys are an admin-only section. */
export function SettingsHeader({ section, isAdmin, description }: { section: string; isAdmin: boolean; description?: string }) {
  const tabs: TabItem[] = [
    { id: "people", label: "People", href: "/settings/people" },
    ...(isAdmin ? [{ id: "api-keys", label: "API keys", href: "/settings/api-keys" }] : []),
    { id: "workspace", label: "Workspace", href: "/settings/workspace" },
  ];
  return (
    <>
      <PageHeader breadcrumbs={[{ label: "Settings", href: "/settings" }, { label: section }]} title="Settings" description={description} />
      <Tabs items={tabs} label="Settings sections" />
    </>
  );
}
