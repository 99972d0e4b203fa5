// Request and response contracts of the console's own sign-in: sign-in with Okta (per workspace), the
// TOTP policy, and a person's TOTP authenticator. Drizzle-free: the Settings pages import it too.
import { z } from "zod";

/** An Okta group's name as the groups claim carries it. */
const groupName = z.string().trim().min(1, "A group name cannot be empty").max(255, "A group name has at most 255 characters");

export const oktaSignInInput = z
  .strictObject({
    oktaDomain: z.string().trim().min(1, "Enter your Okta domain, e.g. acme.okta.com").max(300),
    clientId: z
      .string()
      .trim()
      .min(1, "Enter the client ID of the console's app in Okta")
      .max(200)
      .regex(/^[\x21-\x7e]+$/, "A client ID has no spaces or special characters"),
    /** Required the first time; left out afterwards, the saved secret is kept (it is never shown again). */
    clientSecret: z.string().trim().min(1, "Enter the client secret").max(500).optional(),
    adminGroups: z.array(groupName).max(50, "At most 50 groups per role"),
    operatorGroups: z.array(groupName).max(50, "At most 50 groups per role").default([]),
    viewerGroups: z.array(groupName).max(50, "At most 50 groups per role"),
    enabled: z.boolean().default(true),
  })
  .refine((v) => v.adminGroups.length + v.operatorGroups.length + v.viewerGroups.length > 0, {
    path: ["adminGroups"],
    message: "Map at least one Okta group to a console role",
  });
export type OktaSignInInput = z.output<typeof oktaSignInInput>;

/** What the Settings page shows about sign-in with Okta: never the client secret. */
export const oktaSignInView = z.object({
  oktaDomain: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  adminGroups: z.array(z.string()),
  operatorGroups: z.array(z.string()),
  viewerGroups: z.array(z.string()),
  enabled: z.boolean(),
  updatedAt: z.coerce.date(),
  /** The sign-in redirect URI to register on the app in Okta. */
  redirectPath: z.string(),
});
export type OktaSignInView = z.infer<typeof oktaSignInView>;

export const signInSettings = z.object({
  okta: oktaSignInView.nullable(),
  requireTotp: z.boolean(),
  /** Where Okta sends people back (`/api/auth/callback/okta-<workspace id>`), shown before the first save too. */
  redirectPath: z.string(),
});
export type SignInSettings = z.infer<typeof signInSettings>;

export const totpPolicyInput = z.strictObject({ requireTotp: z.boolean() });

// ---------------- a person's TOTP ----------------

/** Six digits, spaces allowed as people type them. */
export const totpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

/** A code from the app, or one of the recovery codes (xxxx-xxxx-xxxx-xxxx). */
export const secondFactorCode = z
  .string()
  .max(64)
  .transform((s) => s.replace(/\s+/g, "").toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^(\d{6}|[a-z2-7]{4}-?[a-z2-7]{4}-?[a-z2-7]{4}-?[a-z2-7]{4})$/, "Enter the 6-digit code, or one of your recovery codes"),
  );

export const totpStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.coerce.date().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** The workspace requires a code after the password. */
  required: z.boolean(),
  /** The person signs in with Okta only (no password): TOTP does not apply. */
  passwordSignIn: z.boolean(),
});
export type TotpStatus = z.infer<typeof totpStatus>;

/** The start of enrolment: shown once. `qr` is the QR code's modules, row by row ("1" dark, "0" light). */
export const totpEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qr: z.array(z.string()),
});
export type TotpEnrolment = z.infer<typeof totpEnrolment>;

export const confirmTotpInput = z.strictObject({ code: totpCode });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const disableTotpInput = z.strictObject({ code: secondFactorCode });
