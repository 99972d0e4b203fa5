import { route } from "@/lib/api/route";
import { disableTotpInput, recoveryCodes } from "@/lib/auth/contracts";
import { regenerateRecoveryCodes } from "@/lib/auth/totp/regenerate-recovery-codes";

/** A new set of recovery codes (the old ones stop working), with a current code; shown this once. */
export const POST = route({ access: "viewer", body: disableTotpInput }, async ({ ctx, body }) =>
  Response.json(recoveryCodes.parse(await regenerateRecoveryCodes({ ctx, input: body })), { headers: { "cache-control": "no-store" } }),
);
