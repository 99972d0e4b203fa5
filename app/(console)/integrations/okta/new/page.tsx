import type { Metadata } from "next";
import { ConnectForm } from "@/components/integrations/connect-form";
import { Alert, PageHeader } from "@/components/ui";
import { requirePageCtx } from "@/lib/auth/page";
import { getEnv } from "@/lib/env";
import { links } from "@/lib/links";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Connect Okta" };

export default async function ConnectOktaPage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const crumbs = [{ label: "Integrations", href: links.integrations() }, { label: "Connect Okta" }];
  if (actor.role !== "admin") {
    return (
      <>
        <PageHeader breadcrumbs={crumbs} title="Connect Okta" />
        <Alert tone="info" title="Only admins can connect an integration">
          Your role is viewer. Ask an admin of your workspace to connect Okta.
        </Alert>
      </>
    );
  }
  const owners = (await listUsers({ ctx })).map((u) => ({ id: u.id, name: u.name, email: u.email }));
  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title="Connect Okta"
        description="The console checks the connection and every scope with Okta before saving anything, then starts the first sync."
      />
      <div className="max-w-4xl">
        <ConnectForm owners={owners} currentUserId={actor.userId} demoUrl={getEnv().DEMO_OKTA_URL} />
      </div>
    </>
  );
}
