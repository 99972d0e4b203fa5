import { route } from "@/lib/api/route";
import { oktaSignInInput, signInSettings } from "@/lib/auth/contracts";
import { removeOktaSignIn } from "@/lib/auth/okta-sign-in/remove-okta-sign-in";
import { saveOktaSignIn } from "@/lib/auth/okta-sign-in/save-okta-sign-in";

// Sign-in with Okta for the workspace: set up or change (the client secret is sealed and never returned), or remove.
export const PUT = route({ access: "admin", body: oktaSignInInput, output: signInSettings }, async ({ ctx, body }) =>
  saveOktaSignIn({ ctx, input: body }),
);

export const DELETE = route({ access: "admin" }, async ({ ctx }) => removeOktaSignIn({ ctx }));
