import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EditForm } from "@/components/integrations/edit-form";
import { Alert, PageHeader } from "@/components/ui";
import { requirePageCtx } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/get-integration";
import { links } from "@/lib/links";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Edit Okta integration" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { integration } = await getIntegration({ ctx, input: { integrationId: id, eventLimit: 1 } }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const crumbs = [
    { label: "Integrations", href: links.integrations() },
    { label: integration.name, href: links.overview(id) },
    { label: "Edit" },
  ];
  let body: React.ReactNode;
  if (actor.role !== "admin")
    body = (
      <Alert tone="info" title="Only admins can edit an integration">
        Your role is viewer.
      </Alert>
    );
  else if (integration.state !== "connected")
    body = (
      <Alert tone="info" title="This integration is disconnected">
        Connect the org again from the Integrations page instead.
      </Alert>
    );
  else
    body = (
      <EditForm integration={integration} owners={(await listUsers({ ctx })).map((u) => ({ id: u.id, name: u.name, email: u.email }))} />
    );
  return (
    <>
      <PageHeader breadcrumbs={crumbs} title={`Edit ${integration.name}`} description={integration.domain} />
      <div className="max-w-4xl">{body}</div>
    </>
  );
}
