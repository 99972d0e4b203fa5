import { PageHeader, type TabItem, TabNav } from "@/components/ui";
import { links } from "@/lib/links";

/** Header and section tabs shared by the Settings pages. API keys, Sign-in and Approvals are admin-only sections. */
export function SettingsHeader({ section, isAdmin, description }: { section: string; isAdmin: boolean; description?: string }) {
  const tabs: TabItem[] = [
    { id: "people", label: "People", href: links.consoleSettings("people") },
    ...(isAdmin
      ? [
          { id: "api-keys", label: "API keys", href: links.consoleSettings("api-keys") },
          { id: "sign-in", label: "Sign-in", href: links.consoleSettings("sign-in") },
          { id: "approvals", label: "Approvals", href: links.consoleSettings("approvals") },
        ]
      : []),
    { id: "workspace", label: "Workspace", href: links.consoleSettings("workspace") },
    { id: "account", label: "Your account", href: links.consoleSettings("account") },
  ];
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Settings", href: links.consoleSettings() }, { label: section }]}
        title="Settings"
        description={description}
      />
      <TabNav items={tabs} label="Settings sections" />
    </>
  );
}
