import { route } from "@/lib/api/route";
import { signInSettings, totpPolicyInput } from "@/lib/auth/contracts";
import { getSignInSettings } from "@/lib/auth/okta-sign-in/get-sign-in-settings";
import { setTotpPolicy } from "@/lib/auth/okta-sign-in/set-totp-policy";

// How people sign in to this workspace: with Okta (never its secret) and whether passwords need a TOTP code.
export const GET = route({ access: "admin", output: signInSettings }, async ({ ctx }) => getSignInSettings({ ctx }));

export const PATCH = route({ access: "admin", body: totpPolicyInput, output: signInSettings }, async ({ ctx, body }) =>
  setTotpPolicy({ ctx, input: body }),
);
