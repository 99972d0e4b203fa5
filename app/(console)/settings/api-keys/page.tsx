import type { Metadata } from "next";
import { Alert } from "@/components/ui";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requirePageCtx } from "@/lib/auth/page";
import { SettingsHeader } from "../settings-header";
import { ApiKeysClient } from "./client";

export const metadata: Metadata = { title: "API keys · Settings" };

export default async function ApiKeysPage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const isAdmin = actor.role === "admin";
  return (
    <>
      <SettingsHeader
        section="API keys"
        isAdmin={isAdmin}
        description="Keys for scripts and automation. Send one as Authorization: Bearer <key>."
      />
      {isAdmin ? (
        <ApiKeysClient initialKeys={await listApiKeys({ ctx })} role={actor.role} />
      ) : (
        <Alert tone="info" title="Only admins manage API keys">
          Ask an admin of your workspace if you need a key for automation.
        </Alert>
      )}
    </>
  );
}
