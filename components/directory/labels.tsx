// How directory values read on screen: Okta's enums as words, with a tone for statuses.
import { Badge, type Tone } from "@/components/ui";
import { formatCount } from "@/lib/format";
import { userStatusLabel } from "@/lib/okta/user-status";

const words = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, " ");

const USER_TONE: Record<string, Tone> = {
  ACTIVE: "success",
  PROVISIONED: "info",
  STAGED: "neutral",
  RECOVERY: "info",
  PASSWORD_EXPIRED: "warning",
  LOCKED_OUT: "danger",
  SUSPENDED: "warning",
  DEPROVISIONED: "neutral",
};
export function UserStatus({ status }: { status: string }) {
  return (
    <Badge tone={USER_TONE[status] ?? "neutral"} dot>
      {userStatusLabel(status)}
    </Badge>
  );
}

export const appStatusLabel = words;
export function AppStatus({ status }: { status: string }) {
  return (
    <Badge tone={status === "ACTIVE" ? "success" : "neutral"} dot>
      {words(status)}
    </Badge>
  );
}

const GROUP_TYPES: Record<string, string> = { OKTA_GROUP: "Okta group", APP_GROUP: "App group", BUILT_IN: "Built-in" };
export const groupTypeLabel = (t: string) => GROUP_TYPES[t] ?? words(t);
export function GroupType({ type }: { type: string }) {
  return <Badge tone={type === "APP_GROUP" ? "info" : type === "BUILT_IN" ? "brand" : "neutral"}>{groupTypeLabel(type)}</Badge>;
}

const MODES: Record<string, string> = {
  SAML_2_0: "SAML 2.0",
  SAML_1_1: "SAML 1.1",
  OPENID_CONNECT: "OpenID Connect",
  WS_FEDERATION: "WS-Federation",
  SECURE_PASSWORD_STORE: "Secure password store",
  BROWSER_PLUGIN: "Browser plugin (SWA)",
  AUTO_LOGIN: "Auto login",
  BASIC_AUTH: "Basic auth",
  BOOKMARK: "Bookmark",
};
export const signOnModeLabel = (m: string | null) => (m ? (MODES[m] ?? words(m)) : "—");

/** A person's name as Okta shows it: display name, else first and last, else the login. */
export function personName(p: { displayName?: string | null; firstName?: string | null; lastName?: string | null; login: string }) {
  return p.displayName || [p.firstName, p.lastName].filter(Boolean).join(" ") || p.login;
}

/** lib/format's count, under the short name the directory uses. */
export const count = formatCount;
export { plural } from "@/lib/format";
