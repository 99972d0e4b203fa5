import { route } from "@/lib/api/route";
import { confirmTotpInput, recoveryCodes } from "@/lib/auth/contracts";
import { confirmTotpEnrolment } from "@/lib/auth/totp/confirm-totp-enrolment";

/** Confirms the authenticator with a code from it; answers with the recovery codes, this once. */
export const POST = route({ access: "viewer", beforeTotpEnrolment: true, body: confirmTotpInput }, async ({ ctx, body }) =>
  Response.json(recoveryCodes.parse(await confirmTotpEnrolment({ ctx, input: body })), { headers: { "cache-control": "no-store" } }),
);
