import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageActor } from "@/lib/auth/page";
import { IntegrationsClient } from "./client";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: "/integrations" }, { label: "Integrations" }]}
        title="Integrations"
        description="Connect an identity provider and the console keeps a current copy of its users, groups, apps and sign-in activity in your database."
      />
      <IntegrationsClient isAdmin={actor.role === "admin"} />
    </>
  );
}
