// The wizard before anything is saved: the same checks for a connection that failed to verify, from the
// body the connect form sends to /api/integrations/verify. Nothing is stored, so nothing is logged, and
// checks that compare with stored data do not apply.
import { requireAdmin } from "@/lib/auth/actor";
import type { Ctx } from "@/lib/context";
import { READ_SCOPES } from "@/lib/integrations/contracts";
import { resolveCredentials } from "@/lib/integrations/credentials";
import { DomainError, normalizeOktaDomain } from "@/lib/okta/domain";
import { adminLinks } from "./admin-links";
import { planFor } from "./catalog";
import type { CheckContext } from "./check-def";
import type { PresaveDiagnosticsInput } from "./contracts";
import { Probes } from "./probes";
import { createSession, type DiagnosticsSession } from "./session";

export async function startPresaveDiagnostics({ ctx, input }: { ctx: Ctx; input: PresaveDiagnosticsInput }): Promise<DiagnosticsSession> {
  requireAdmin(ctx.actor);
  const scopes = [...new Set(input.scopes ?? READ_SCOPES)];
  const resolved = await resolveCredentials(ctx.workspaceId, input.auth, scopes);
  let origin: string | null = null;
  try {
    origin = normalizeOktaDomain(input.domain).origin;
  } catch (e) {
    // An unusable domain is itself the first finding (domain_format), not a 400.
    if (!(e instanceof DomainError)) throw e;
  }
  const method = resolved.descriptor.authMethod;
  const check: CheckContext = {
    target: "presave",
    symptom: input.symptom,
    method,
    host: origin ? new URL(origin).host : input.domain.trim(),
    links: adminLinks(origin ?? "https://invalid.invalid", method, resolved.descriptor.clientId),
    requestedScopes: scopes,
  };
  const probes = new Probes({ domain: input.domain, method, credentials: resolved.credentials, integration: null });
  return createSession({ symptom: input.symptom, ctx: check, defs: planFor(input.symptom, check), probes, integrationId: null });
}
