// Where the integration page links to: the directory lists filtered to a count (their URL query
// names are the directory's contracts: status, type, integrationId), the Activity page, and the
// troubleshooting wizard for a symptom. Client-safe.
import { SIGN_IN_EVENT } from "./sign-in";

const withQuery = (path: string, q: Record<string, string | undefined>) => {
  const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  return `${path}?${p}`;
};

export const links = {
  people: (integrationId: string, status?: string) => withQuery("/directory/people", { status, integrationId }),
  groups: (integrationId: string, type?: string) => withQuery("/directory/groups", { type, integrationId }),
  apps: (integrationId: string, status?: string) => withQuery("/directory/apps", { status, integrationId }),
  signIns: (outcome?: "SUCCESS" | "FAILURE") => withQuery("/activity", { eventType: SIGN_IN_EVENT, outcome }),
  troubleshoot: (integrationId: string, symptom?: string | null) =>
    `/integrations/okta/${integrationId}/troubleshoot${symptom ? `?symptom=${symptom}` : ""}`,
  overview: (integrationId: string) => `/integrations/okta/${integrationId}`,
  runs: (integrationId: string) => `/integrations/okta/${integrationId}/runs`,
  run: (integrationId: string, runId: string) => `/integrations/okta/${integrationId}/runs/${runId}`,
  settings: (integrationId: string) => `/integrations/okta/${integrationId}/settings`,
  edit: (integrationId: string) => `/integrations/okta/${integrationId}/edit`,
};
