// What "Allow actions" verifies, beside the read scopes: which manage scopes Okta really grants the app
// (the access token says: Okta silently drops scopes the app was not granted), and which admin roles the
// app or API token holds (a manage scope without a role that allows the call still gets 403 E0000006).
// The manage scopes get a token of their own, so the token cached for syncs stays read-only.
// No database here, like verify-connection.ts.
import { createOktaClient, type OktaClient, type OktaCredentials } from "@/lib/okta/client";
import { CHECK_TIMEOUT_MS } from "@/lib/okta/discovery";
import { OktaApiError } from "@/lib/okta/errors";
import { oktaRoleSchema } from "@/lib/okta/schemas";
import { MANAGE_SCOPE_INFO, MANAGE_SCOPES, type ManageScopeName, type ScopeResult } from "./contracts";
import { oktaDetails } from "./diagnose";

export interface ManageAccess {
  scopes: ScopeResult[];
  /** Admin role types (SUPER_ADMIN, USER_ADMIN, …); null when Okta would not say. */
  roles: string[] | null;
  /** Why the roles are not known, in a sentence. */
  rolesNote: string | null;
}

/** The app's (or the API token's admin's) role types, or why they could not be read. */
async function readRoles(client: OktaClient, credentials: OktaCredentials): Promise<{ roles: string[] | null; note: string | null }> {
  try {
    let path: string;
    if (credentials.method === "api_token") {
      // An API token acts as the admin who created it.
      const me = await client.get<{ id?: string }>("/api/v1/users/me");
      if (!me.body?.id) return { roles: null, note: "Okta did not say which admin the API token belongs to." };
      path = `/api/v1/users/${encodeURIComponent(me.body.id)}/roles`;
    } else {
      path = `/oauth2/v1/clients/${encodeURIComponent(credentials.clientId)}/roles`;
    }
    const res = await client.get<unknown[]>(path);
    if (!Array.isArray(res.body)) return { roles: null, note: `Okta answered ${path} with something that is not a list.` };
    const roles = res.body.flatMap((r) => {
      const p = oktaRoleSchema.safeParse(r);
      return p.success && p.data.type ? [p.data.type] : [];
    });
    return { roles: [...new Set(roles)].sort(), note: null };
  } catch (e) {
    if (!(e instanceof OktaApiError)) throw e;
    const f = e.facts();
    const why =
      f.kind === "scope"
        ? "the app is not granted okta.roles.read"
        : f.kind === "not_found"
          ? "this org does not answer the role list"
          : `Okta answered ${f.errorCode ?? f.status}`;
    return { roles: null, note: `Could not read the admin roles (${why}).` };
  }
}

export async function checkManageAccess(input: {
  domain: string;
  credentials: OktaCredentials;
  /** The read scopes being verified: okta.roles.read among them lets the app's roles be read. */
  readScopes: readonly string[];
}): Promise<ManageAccess> {
  const { credentials } = input;
  const scopes = [...MANAGE_SCOPES];
  if (credentials.method === "api_token") {
    // API tokens have no scopes: they can do what their admin's role allows.
    const client = createOktaClient({ domain: input.domain, credentials, maxRetries: 1, timeoutMs: CHECK_TIMEOUT_MS });
    const { roles, note } = await readRoles(client, credentials);
    return {
      scopes: scopes.map((scope) => ({
        scope,
        ok: true,
        status: "granted" as const,
        reason: "API tokens have no scopes; the token's admin role decides.",
      })),
      roles,
      rolesNote: note,
    };
  }
  const asked: string[] = [...scopes, ...(input.readScopes.includes("okta.roles.read") ? ["okta.roles.read"] : [])];
  const client = createOktaClient({
    domain: input.domain,
    credentials: { ...credentials, scopes: asked },
    maxRetries: 1,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  let granted: string[] = [];
  try {
    granted = (await client.token())?.scopes ?? [];
  } catch (e) {
    if (!(e instanceof OktaApiError)) throw e;
    const f = e.facts();
    // Okta refuses a token outright when none of the scopes asked for is granted.
    if (f.kind !== "scope")
      return {
        scopes: scopes.map((scope) => ({
          scope,
          ok: false,
          status: "error" as const,
          reason: `Could not check: ${f.message}`,
          okta: oktaDetails(f),
        })),
        roles: null,
        rolesNote: null,
      };
  }
  const results: ScopeResult[] = scopes.map((scope: ManageScopeName) =>
    granted.includes(scope)
      ? { scope, ok: true, status: "granted", reason: `Granted: ${MANAGE_SCOPE_INFO[scope].description}` }
      : {
          scope,
          ok: false,
          status: "missing_scope",
          reason:
            "Not granted to the app: Okta left it out of the access token. Grant it on the app's Okta API Scopes tab to allow these actions.",
        },
  );
  if (!results.some((r) => r.ok)) return { scopes: results, roles: null, rolesNote: null };
  const { roles, note } = granted.includes("okta.roles.read")
    ? await readRoles(client, credentials)
    : { roles: null, note: "Could not read the admin roles (the app is not granted okta.roles.read)." };
  return { scopes: results, roles, rolesNote: note };
}
