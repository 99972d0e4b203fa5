import { route } from "@/lib/api/route";
import { disableTotpInput } from "@/lib/auth/contracts";
import { disableTotp } from "@/lib/auth/totp/disable-totp";

/** Turns your two-factor off, with a current code or a recovery code. */
export const POST = route({ access: "viewer", body: disableTotpInput }, async ({ ctx, body }) => disableTotp({ ctx, input: body }));
