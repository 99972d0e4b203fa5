// Request and response contracts for console people, shared by the API, the Settings page and the CLI.
// Browser code imports this file too, so its enums come from db/enums (drizzle-free), never db/schema.
import { z } from "zod";
import { ROLES } from "@/db/enums";

export const roleSchema = z.enum(ROLES, "Role must be admin, operator or viewer");
export const emailSchema = z
  .email("Enter a valid email address")
  .max(320)
  .transform((e) => e.trim().toLowerCase());
export const nameSchema = z.string().trim().max(120, "Name must be at most 120 characters");
export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(256, "Password must be at most 256 characters");

export const createUserInput = z.strictObject({
  email: emailSchema,
  name: nameSchema.default(""),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.output<typeof createUserInput>;

export const updateUserInput = z
  .strictObject({ role: roleSchema.optional(), name: nameSchema.optional() })
  .refine((v) => v.role !== undefined || v.name !== undefined, "Send role or name");
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const changeOwnPasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password").max(1024),
    newPassword: passwordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordInput>;

/** What the API and pages may show about a person: never the password hash. */
export const publicUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.coerce.date(),
  lastSignInAt: z.coerce.date().nullable(),
});
export type PublicUser = z.infer<typeof publicUser>;

/** Parses a users row (or anything with its public fields) down to what may be shown. */
export const toPublicUser = (u: z.input<typeof publicUser>): PublicUser => publicUser.parse(u);
