import { route } from "@/lib/api/route";
import { totpEnrolment } from "@/lib/auth/contracts";
import { startTotpEnrolment } from "@/lib/auth/totp/start-totp-enrolment";

/** Starts setting up an authenticator: the secret, its otpauth URI and QR code, shown this once. */
export const POST = route({ access: "viewer", beforeTotpEnrolment: true }, async ({ ctx }) =>
  Response.json(totpEnrolment.parse(await startTotpEnrolment({ ctx })), { status: 201, headers: { "cache-control": "no-store" } }),
);
