// Pure, so the disconnect answer and the page of a disconnected integration say the same thing.

/** What the admin should also do in Okta: the console cannot revoke its own access there. */
export function oktaFollowUp(row: { authMethod: string; clientId: string | null; tokenLast4: string | null; domain: string }): string[] {
  const admin = row.domain.replace(/^https:\/\/([^.]+)\./, "https://$1-admin.");
  if (row.authMethod === "api_token") {
    return [
      `Revoke the API token ending in ${row.tokenLast4 ?? "…"} in Okta: Security > API > Tokens (${admin}).`,
      "Check the System Log for any use of the token after now.",
    ];
  }
  if (row.authMethod === "client_secret") {
    return [
      `Remove the API service integration with client ID ${row.clientId ?? "…"} in Okta: Applications > API Service Integrations > the integration > Remove (${admin}).`,
      "Or at least generate a new client secret there so the old one stops working.",
    ];
  }
  return [
    `Deactivate the app with client ID ${row.clientId ?? "…"} in Okta: Applications > Applications > the app > Deactivate (${admin}).`,
    "Or at least remove its public key under Client Credentials > Public Keys, and the admin role assigned to it.",
  ];
}
