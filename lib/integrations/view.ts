// The public shape of an integration: what is configured, never the secrets themselves. Parsed with
// the strict response schema, so an undeclared field cannot slip into a response.
import { and, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, getDb } from "@/db";
import { type Integration, integrations, users } from "@/db/schema";
import { allowedActionsFor } from "./allowed-actions";
import { type IntegrationView, integrationView, scopeResult } from "./contracts";

const owner = alias(users, "owner");
const disconnector = alias(users, "disconnector");
const person = (u: { id: string; name: string; email: string } | null) =>
  u ? { id: u.id, name: u.name || u.email, email: u.email } : null;

export function toView(
  row: Integration,
  o: { id: string; name: string; email: string } | null,
  by: { id: string; name: string; email: string } | null,
): IntegrationView {
  return integrationView.parse({
    id: row.id,
    name: row.name,
    domain: row.domain,
    state: row.state,
    oktaOrgId: row.oktaOrgId,
    auth: {
      method: row.authMethod,
      clientId: row.clientId,
      keyId: row.keyId,
      keyFingerprint: row.keyFingerprint,
      tokenLast4: row.tokenLast4,
      usesDpop: row.usesDpop,
    },
    scopes: row.scopes,
    scopeResults: scopeResult.array().catch([]).parse(row.scopeResults),
    allowActions: row.allowActions,
    adminRoles: row.adminRoles ?? null,
    allowedActions: [...allowedActionsFor(row)],
    owner: person(o),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    disconnectedAt: row.disconnectedAt?.toISOString() ?? null,
    disconnectedBy: person(by),
  });
}

export async function selectViews(where: SQL | undefined, db: DbOrTx = getDb()): Promise<IntegrationView[]> {
  const rows = await db
    .select({
      i: integrations,
      o: { id: owner.id, name: owner.name, email: owner.email },
      by: { id: disconnector.id, name: disconnector.name, email: disconnector.email },
    })
    .from(integrations)
    .leftJoin(owner, eq(owner.id, integrations.ownerId))
    .leftJoin(disconnector, eq(disconnector.id, integrations.disconnectedById))
    .where(where)
    .orderBy(integrations.state, desc(integrations.createdAt));
  return rows.map((r) => toView(r.i, r.o?.id ? r.o : null, r.by?.id ? r.by : null));
}

export async function viewOf(workspaceId: string, id: string, db: DbOrTx = getDb()) {
  const [v] = await selectViews(and(eq(integrations.workspaceId, workspaceId), eq(integrations.id, id)), db);
  return v ?? null;
}
