// Pure, so the disconnect answer and the page of a disconnected integration say the same thing.

/** The integration's event hook as disconnect left it (the event_hooks row, if one is left). */
export interface HookLeft {
  mode: "registered" | "manual";
  /** Set while the hook the console registered is still in Okta (disconnect could not remove it). */
  oktaHookId: string | null;
  url: string;
  /** Why disconnect could not remove it. */
  lastError?: { code: string; message: string } | null;
}

const adminOf = (domain: string) => domain.replace(/^https:\/\/([^.]+)\./, "https://$1-admin.");

/** What the admin should also do in Okta: the console cannot revoke its own access there. */
export function oktaFollowUp(
  row: { authMethod: string; clientId: string | null; tokenLast4: string | null; domain: string },
  hook: HookLeft | null = null,
): string[] {
  const admin = adminOf(row.domain);
  const steps =
    row.authMethod === "api_token"
      ? [
          `Revoke the API token ending in ${row.tokenLast4 ?? "…"} in Okta: Security > API > Tokens (${admin}).`,
          "Check the System Log for any use of the token after now.",
        ]
      : row.authMethod === "client_secret"
        ? [
            `Remove the API service integration with client ID ${row.clientId ?? "…"} in Okta: Applications > API Service Integrations > the integration > Remove (${admin}).`,
            "Or at least generate a new client secret there so the old one stops working.",
          ]
        : [
            `Deactivate the app with client ID ${row.clientId ?? "…"} in Okta: Applications > Applications > the app > Deactivate (${admin}).`,
            "Or at least remove its public key under Client Credentials > Public Keys, and the admin role assigned to it.",
          ];
  if (hook?.oktaHookId) {
    const why = hook.lastError?.message ? ` The console could not remove it: ${hook.lastError.message}.` : "";
    steps.push(
      `Delete the console's event hook (ID ${hook.oktaHookId}) in Okta: Workflow > Event Hooks > the hook > Deactivate, then Delete (${admin}).${why}`,
    );
  } else if (hook) {
    steps.push(
      `If you added the event hook for ${hook.url} in Okta by hand, delete it there: Workflow > Event Hooks > the hook > Deactivate, then Delete (${admin}).`,
    );
  }
  return steps;
}
