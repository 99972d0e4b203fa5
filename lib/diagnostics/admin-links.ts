// Pages of the Okta Admin Console where each fix is made. Same host rule as the directory's links
// (acme.okta.com -> acme-admin.okta.com; the emulator and custom hosts as they are).
import type { AuthMethod } from "@/db/schema";
import { oktaAdminOrigin } from "@/lib/directory/okta-admin-url";

export interface AdminLinks {
  /** The app the integration authenticates as: General, Okta API Scopes and Admin roles tabs. */
  app: string;
  apiTokens: string;
  systemLog: string;
  networks: string;
  apps: string;
}

export function adminLinks(domain: string, method: AuthMethod, clientId: string | null): AdminLinks {
  const base = oktaAdminOrigin(domain);
  const apps = `${base}/admin/apps/active`;
  // A custom API Services app's instance id is its client id; OIN integrations are found in the app list.
  const app =
    method === "private_key_jwt" && clientId
      ? `${base}/admin/app/oidc_client/instance/${encodeURIComponent(clientId)}/#tab-general`
      : method === "api_token"
        ? `${base}/admin/access/api/tokens`
        : apps;
  return {
    app,
    apiTokens: `${base}/admin/access/api/tokens`,
    systemLog: `${base}/report/system_log_2`,
    networks: `${base}/admin/access/networks`,
    apps,
  };
}
