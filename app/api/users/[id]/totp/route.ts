import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { resetTotp } from "@/lib/auth/totp/reset-totp";

/** An admin resets someone's two-factor authentication (authenticator and recovery codes deleted). */
export const DELETE = route({ access: "admin", params: idParam("User") }, async ({ ctx, params }) =>
  resetTotp({ ctx, input: { userId: params.id } }),
);
