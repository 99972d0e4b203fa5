import { route } from "@/lib/api/route";
import { totpStatus } from "@/lib/auth/contracts";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";

/** Your two-factor authentication: on or off, recovery codes left, and whether the workspace requires it. */
export const GET = route({ access: "viewer", beforeTotpEnrolment: true, output: totpStatus }, async ({ ctx }) => getTotpStatus({ ctx }));
