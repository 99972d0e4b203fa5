import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { type CreateUserInput, type PublicUser, toPublicUser } from "./schemas";

export const isUniqueViolation = (err: unknown) => (err as { cause?: { code?: string } })?.cause?.code === "23505";

/** Adds a console user with an initial password (argon2id). Emails are unique across the deployment. */
export async function createUser({ ctx, input: data }: { ctx: WorkspaceCtx; input: CreateUserInput }): Promise<PublicUser> {
  const passwordHash = await hashPassword(data.password);
  try {
    const [user] = await ctx.db
      .insert(users)
      .values({ workspaceId: ctx.workspaceId, email: data.email, name: data.name, role: data.role, passwordHash })
      .returning();
    return toPublicUser(user);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("CONFLICT", `A console account with the email ${data.email} already exists`, {
        fields: [{ field: "email", message: "A console account with this email already exists" }],
      });
    throw err;
  }
}
