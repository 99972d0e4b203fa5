// The wizard's verb for a saved integration: runs the checks of a symptom live against Okta and the
// console's own records, and keeps a summary of every run in the integration's event log.
import { requireAdmin } from "@/lib/auth/actor";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { credentialsFromSecrets } from "@/lib/integrations/credentials";
import { findIntegration } from "@/lib/integrations/find-integration";
import { recordEvent } from "@/lib/integrations/record-event";
import { readSecrets } from "@/lib/integrations/secrets";
import { adminLinks } from "./admin-links";
import { planFor } from "./catalog";
import type { CheckContext } from "./check-def";
import { SYMPTOM_INFO, type Symptom } from "./contracts";
import { Probes } from "./probes";
import { createSession, type DiagnosticsSession } from "./session";

const firstSentence = (s: string) => /^.*?[.!?](?=\s|$)/.exec(s)?.[0] ?? s;

export async function startDiagnostics({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { integrationId: string; symptom: Symptom };
}): Promise<DiagnosticsSession> {
  const { actor } = ctx;
  const { integrationId, symptom } = input;
  requireAdmin(actor);
  const row = await findIntegration(ctx.workspaceId, integrationId, ctx.db);
  if (row.state !== "connected")
    throw new AppError(
      "CONFLICT",
      "This integration is disconnected; its credentials were deleted, so nothing can be checked against Okta. Connect it again.",
    );
  const credentials = credentialsFromSecrets(row, await readSecrets(row.id));
  if (!credentials) throw new AppError("CONFLICT", "This integration has no stored credentials; edit it to enter them again.");
  const check: CheckContext = {
    target: "stored",
    symptom,
    method: row.authMethod,
    host: new URL(row.domain).host,
    links: adminLinks(row.domain, row.authMethod, row.clientId),
    requestedScopes: row.scopes,
  };
  const probes = new Probes({ domain: row.domain, method: row.authMethod, credentials, integration: row });
  return createSession({
    symptom,
    ctx: check,
    defs: planFor(symptom, check),
    probes,
    integrationId: row.id,
    async onDone(result, durationMs) {
      const { pass, warn, fail, notRun } = result.counts;
      const failed = result.checks.filter((c) => c.status === "fail");
      await recordEvent({
        workspaceId: row.workspaceId,
        integrationId: row.id,
        level: fail ? "warn" : "info",
        kind: "diagnostics.run",
        message: `Troubleshooting "${SYMPTOM_INFO[symptom].label}": ${pass} passed, ${warn} with warnings, ${fail} failed${notRun ? `, ${notRun} not run` : ""}${failed.length ? `. ${failed.map((c) => firstSentence(c.summary)).join(" ")}` : ""}`,
        details: {
          symptom,
          counts: result.counts,
          checks: result.checks.map((c) => ({ id: c.id, status: c.status, cause: c.cause })),
          notRun: result.notRun.map((n) => n.id),
          durationMs,
        },
        actorUserId: actor.userId,
      });
    },
  });
}
