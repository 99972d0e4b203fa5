// Turns what Okta answered into a diagnosis: the cause in plain words and the fix, with Okta's own
// identifiers kept in `okta`. The same rules explain a failed connect (verify-connection.ts) and a
// failed troubleshooting check (lib/diagnostics), both from an error's facts. Pure, so every known
// answer is a table test.
import type { AuthMethod } from "@/db/schema";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import type { Diagnosis, DiagnosisCode } from "./contracts";

type Phase = "identify" | "token" | "probe";

const d = (code: DiagnosisCode, title: string, message: string, fix: string, err?: OktaErrorFacts): Diagnosis => ({
  code,
  title,
  message,
  fix,
  ...(err ? { okta: oktaDetails(err) } : {}),
});

/** Okta's identifiers of a failure, as a diagnosis shows them. */
export function oktaDetails(err: OktaErrorFacts): NonNullable<Diagnosis["okta"]> {
  const out: NonNullable<Diagnosis["okta"]> = { status: err.status };
  for (const k of [
    "errorCode",
    "errorSummary",
    "errorId",
    "oauthError",
    "oauthErrorDescription",
    "requestId",
    "networkReason",
    "path",
  ] as const) {
    if (err[k] !== undefined) out[k] = err[k];
  }
  return out;
}

const SERVICE_APP_STEPS = "In the Okta Admin Console open Applications > Applications > your API Services app";

/** `knownClient`: the client ID worked before (a stored integration), so "unknown client" means the app went away. */
export function diagnose(err: OktaErrorFacts, ctx: { method: AuthMethod; phase: Phase; host: string; knownClient?: boolean }): Diagnosis {
  const desc = err.oauthErrorDescription ?? "";
  const oktaSays = desc ? ` Okta said: "${desc}"` : err.errorSummary ? ` Okta said: "${err.errorSummary}"` : "";

  if (err.kind === "network") {
    switch (err.networkReason) {
      case "blocked":
        return d(
          "DOMAIN_BLOCKED",
          "This address is not allowed",
          `The console will not call ${ctx.host}: ${err.message.replace(/^.*?: /, "")}.`,
          "Enter your Okta org's public domain, e.g. acme.okta.com.",
          err,
        );
      case "dns":
        return d(
          "DOMAIN_UNREACHABLE",
          "Domain not found",
          `${ctx.host} does not resolve to any address, so it is not a reachable Okta org.`,
          "Check the spelling. Your Okta domain is shown in the Admin Console's top-right menu (e.g. acme.okta.com).",
          err,
        );
      case "redirect":
        return d(
          "NOT_OKTA",
          "Not an Okta org",
          `${ctx.host} redirected the console to another site, which Okta orgs do not do for API calls.`,
          "Enter the Okta org domain itself (e.g. acme.okta.com), not a portal or a link that forwards to it.",
          err,
        );
      case "tls":
        return d(
          "DOMAIN_UNREACHABLE",
          "Secure connection failed",
          `The https connection to ${ctx.host} failed (certificate or TLS error).`,
          "Check the domain. A custom domain needs a valid certificate; otherwise use your org's okta.com domain.",
          err,
        );
      default:
        return d(
          "DOMAIN_UNREACHABLE",
          "Okta org unreachable",
          `${ctx.host} did not answer (${err.networkReason === "timeout" ? "timed out" : err.networkReason === "refused" ? "connection refused" : "connection failed"}).`,
          "Check the domain and that this server can reach it over https (firewall, proxy). Then try again.",
          err,
        );
    }
  }
  if (err.kind === "rate_limit") {
    return d(
      "RATE_LIMITED",
      "Okta is rate limiting",
      "Okta answered 429 (too many requests) while verifying.",
      "Wait a minute and try again; other integrations may be using this org's API limits.",
      err,
    );
  }
  if (err.kind === "server") {
    return d(
      "OKTA_ERROR",
      "Okta had an error",
      `Okta answered ${err.status} while verifying.`,
      "Try again in a few minutes; check status.okta.com if it persists.",
      err,
    );
  }
  if (ctx.phase === "identify" || (err.notJson && ctx.phase === "token")) {
    return d(
      "NOT_OKTA",
      "Not an Okta org",
      `${ctx.host} answered, but not like an Okta org (no Okta API there).`,
      "Enter your Okta org's domain, e.g. acme.okta.com or acme.oktapreview.com. A custom domain must point to your Okta org.",
      err,
    );
  }
  if (err.errorCode === "E0000011" || (ctx.method === "api_token" && err.status === 401)) {
    return d(
      "API_TOKEN_INVALID",
      "API token invalid or expired",
      "Okta does not accept this API token: it is wrong, was revoked, or expired after 30 days without use.",
      "Create a new token in Security > API > Tokens (signed in as the admin the token should act as) and paste it here.",
      err,
    );
  }
  if (err.oauthError === "invalid_client") {
    if (/private_key_jwt/i.test(desc)) {
      return d(
        "SECRET_NOT_ALLOWED",
        "This app must use a public/private key",
        `This is a custom API Services app. Okta only accepts a public/private key (private_key_jwt) from these apps when they ask for Okta API scopes, not a client secret.${oktaSays}`,
        `${SERVICE_APP_STEPS}, under Client Credentials choose "Public key / Private key", add a key (the console can generate one), then connect with the "OAuth 2.0 with a public/private key" method.`,
        err,
      );
    }
    if (/kid/i.test(desc)) {
      return d(
        "KEY_MISMATCH",
        "Key ID not registered",
        `Okta does not know the key ID (kid) the console sent for this app.${oktaSays}`,
        `${SERVICE_APP_STEPS} > Public Keys and check the key's KID; enter that value as the key ID, or leave it empty if the app has one key.`,
        err,
      );
    }
    if (/expired|issued-at|in the future|expiration/i.test(desc)) {
      return d(
        "INVALID_CLIENT",
        "Signed assertion rejected for its time",
        `Okta rejected the signed client assertion because of its time stamps, which means this server's clock is off.${oktaSays}`,
        "Synchronize this server's clock (NTP) and try again.",
        err,
      );
    }
    if (/signature|assertion/i.test(desc)) {
      return d(
        "KEY_MISMATCH",
        "Private key does not match the app",
        `The private key does not belong to any public key registered on this app (Okta could not verify the signed assertion).${oktaSays}`,
        `${SERVICE_APP_STEPS} > Public Keys and add the public key that belongs to this private key (or paste the matching private key here).`,
        err,
      );
    }
    if (/client_id|not found|unknown/i.test(desc) && ctx.knownClient) {
      return d(
        "INVALID_CLIENT",
        "App deactivated or deleted",
        `Okta no longer has an active app with this client ID in ${ctx.host}, although it worked when the integration was connected: the app was deactivated or deleted.${oktaSays}`,
        "In the Okta Admin Console open Applications > Applications, show inactive apps and activate this app again; if it was deleted, create a new API Services app and edit this integration to use it.",
        err,
      );
    }
    if (/client_id|not found|unknown/i.test(desc)) {
      return d(
        "INVALID_CLIENT",
        "Unknown client ID",
        `There is no active app with this client ID in ${ctx.host}.${oktaSays}`,
        "Copy the Client ID from the app's General tab in this same Okta org, and check the app is active.",
        err,
      );
    }
    return d(
      "INVALID_CLIENT",
      ctx.method === "client_secret" ? "Client ID and secret do not match" : "Client credentials rejected",
      `${ctx.method === "client_secret" ? "The client ID and client secret do not belong together" : "Okta rejected the app's credentials"}.${oktaSays}`,
      ctx.method === "client_secret"
        ? "Copy the Client ID and a current Client secret from the app's General tab; a secret is shown only once, so generate a new one if needed."
        : "Check the client ID and key in the app's General tab.",
      err,
    );
  }
  if (err.oauthError === "unauthorized_client" || err.oauthError === "unsupported_grant_type") {
    return d(
      "GRANT_NOT_ALLOWED",
      "App cannot use client credentials",
      `The app is not allowed to get tokens with the client credentials grant.${oktaSays}`,
      "Use an API Services app (or an OIN API service integration); in its General tab, allow the Client Credentials grant.",
      err,
    );
  }
  if (err.kind === "dpop") {
    return d(
      "DPOP_FAILED",
      "DPoP proof rejected",
      `The app requires DPoP (proof of possession) and Okta rejected the console's DPoP proof.${oktaSays}`,
      `Try again (proofs are single-use and time-limited; check this server's clock). If it keeps failing, clear "Require Demonstrating Proof of Possession (DPoP) header" in ${SERVICE_APP_STEPS} > General.`,
      err,
    );
  }
  if (err.kind === "scope") {
    return d(
      "SCOPES_NOT_GRANTED",
      "Scopes not granted",
      `Okta will not grant the requested scopes to this app.${oktaSays}`,
      `${SERVICE_APP_STEPS} > Okta API Scopes and grant the read scopes (okta.users.read, okta.groups.read, ...), then try again.`,
      err,
    );
  }
  if (err.errorCode === "E0000006" || err.kind === "permission") {
    if (err.oauthError === "access_denied") {
      return d(
        "NETWORK_ZONE",
        "Blocked by a network zone",
        `Okta refused the request because of the app's network restrictions.${oktaSays}`,
        "Allow this server's outbound IP address in the network zone used by the app (Security > Networks).",
        err,
      );
    }
    return d(
      "NO_ADMIN_ROLE",
      "No admin role assigned to the app",
      `Authentication works, but Okta answered E0000006 ("You do not have permission"): the ${ctx.method === "api_token" ? "admin who created the token" : "app"} has no admin role that allows reading the directory.`,
      ctx.method === "api_token"
        ? "Create the token as an admin with at least the Read-Only Administrator role."
        : `${SERVICE_APP_STEPS} > Admin roles and assign the Read-Only Administrator role (or a custom role that can read users, groups and apps).`,
      err,
    );
  }
  if (err.kind === "auth") {
    return d(
      "INVALID_CLIENT",
      "Authentication failed",
      `Okta did not accept the credentials.${oktaSays}`,
      "Check the client ID and credentials in the app's General tab.",
      err,
    );
  }
  return d(
    "OKTA_ERROR",
    "Unexpected answer from Okta",
    `Okta answered ${err.status} while verifying.${oktaSays}`,
    "Check the details below and try again.",
    err,
  );
}
