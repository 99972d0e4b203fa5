// Every page of the console, for the specs that visit them all (e2e/a11y.spec.ts, e2e/looks.spec.ts):
// its URL for a tenant connected to the shared emulator, a file name for its screenshot and what it is.
import type { Page } from "@playwright/test";
import { links } from "@/lib/links";
import { bearer, syncRuns, type Tenant } from "./helpers";

export interface ConsolePage {
  url: string;
  /** The screenshot's file name, without the extension. */
  name: string;
  /** For messages: "the people list". */
  what: string;
}

async function firstId(page: Page, t: Tenant, id: string, list: "users" | "groups" | "apps") {
  const res = await page.request.get(`/api/directory/${list}?integrationId=${id}&limit=1`, { headers: bearer(t) });
  return ((await res.json()) as { items: { id: string }[] }).items[0].id;
}

async function firstEvent(page: Page, t: Tenant, id: string) {
  const res = await page.request.get(`/api/activity?integrationId=${id}&eventType=group.user_membership.add&limit=1`, {
    headers: bearer(t),
  });
  return ((await res.json()) as { items: { id: string }[] }).items[0].id;
}

/** The console's pages for tenant `t`, whose integration `id` has finished a sync. */
export async function consolePages(page: Page, t: Tenant, id: string): Promise<ConsolePage[]> {
  const [run] = await syncRuns(page.request, t, id);
  const list: [url: string, name: string, what: string][] = [
    [links.home(), "home", "the home dashboard"],
    [links.integrations(), "integrations", "the integrations list"],
    [links.connect(), "connect", "the connect form"],
    [links.overview(id), "integration-overview", "the integration page"],
    [links.runs(id), "integration-runs", "the run history"],
    [links.events(id), "integration-events", "the integration's event log"],
    [links.run(id, run.id), "integration-run", "a run's page"],
    [links.settings(id), "integration-settings", "the integration's settings"],
    [links.edit(id), "integration-edit", "the connection's edit form"],
    [links.troubleshoot(id), "troubleshoot-pick", "troubleshooting"],
    [links.people(), "directory-people", "the people list"],
    [links.groups(), "directory-groups", "the groups list"],
    [links.apps(), "directory-apps", "the apps list"],
    [links.person(id, await firstId(page, t, id, "users")), "directory-person", "a person"],
    [links.group(id, await firstId(page, t, id, "groups")), "directory-group", "a group"],
    [links.app(id, await firstId(page, t, id, "apps")), "directory-app", "an app"],
    [links.people({ adminRole: "any", integrationId: id }), "directory-people-admins", "the admin role holders"],
    [links.unusedAccess(), "directory-unused-access", "the unused access view"],
    [links.activity(), "activity", "the activity page"],
    [links.activityEvent(await firstEvent(page, t, id), id), "activity-event", "an activity event"],
    // A request's page, the confirm dialog and the Actions menus are checked in actions.spec.ts (they need an integration that acts).
    [links.approvals(), "approvals", "the Approvals page"],
    [links.audit(), "audit", "the Audit page"],
    [links.consoleSettings("people"), "settings-people", "the console's people"],
    [links.consoleSettings("api-keys"), "settings-api-keys", "the API keys"],
    [links.consoleSettings("sign-in"), "settings-sign-in", "the sign-in settings: Okta and two-factor"],
    [links.consoleSettings("approvals"), "settings-approvals", "the approval policy"],
    [links.consoleSettings("workspace"), "settings-workspace", "the workspace settings"],
    [links.consoleSettings("account"), "settings-account", "your account: password and sessions"],
  ];
  return list.map(([url, name, what]) => ({ url, name, what }));
}
