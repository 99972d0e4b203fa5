// npm run user:create -- --email ana@example.com --password '...' --role admin|operator|viewer [--name "Ana"] [--workspace <id>] [--update]
// Creates a console user (in the first workspace unless --workspace is given). With --update an
// existing user gets the new password and role instead: the recovery path for a lost admin password.
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { CliError, parseCliArgs, runCli, withDatabase } from "./cli-db";

const USAGE =
  "npm run user:create -- --email <email> --password <password> --role admin|operator|viewer [--name <name>] [--workspace <id>] [--update]";

runCli(async () => {
  const { emailSchema, nameSchema, passwordSchema, roleSchema } = await import("@/lib/users/schemas");
  const args = parseCliArgs(
    {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      workspace: { type: "string" },
      update: { type: "boolean" },
    },
    z.strictObject({
      email: emailSchema,
      password: passwordSchema,
      role: roleSchema,
      name: nameSchema.optional(),
      workspace: z.uuid("must be a workspace id (UUID)").optional(),
      update: z.boolean().optional(),
    }),
    USAGE,
  );
  await withDatabase(async () => {
    const { getDb } = await import("@/db");
    const { users, workspaces } = await import("@/db/schema");
    const { createUser } = await import("@/lib/users/create-user");
    const { updateUser } = await import("@/lib/users/update-user");
    const { setPassword } = await import("@/lib/users/set-password");
    const { systemCtx } = await import("@/lib/context");
    const db = getDb();

    const [existing] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, args.email))
      .limit(1);
    if (existing) {
      if (!args.update)
        throw new CliError(`A user with the email ${args.email} already exists. Pass --update to set its password and role.`);
      if (args.workspace && args.workspace !== existing.workspaceId)
        throw new CliError(`${args.email} belongs to workspace ${existing.workspaceId}, not ${args.workspace}.`);
      // One transaction: a role change the last-admin guard refuses must not leave the new password behind.
      const user = await db.transaction(async (tx) => {
        const ctx = systemCtx(existing.workspaceId, tx);
        const updated = await updateUser({
          ctx,
          input: { userId: existing.id, role: args.role, ...(args.name !== undefined ? { name: args.name } : {}) },
        });
        await setPassword({ ctx, input: { userId: existing.id, password: args.password } });
        return updated;
      });
      console.log(`Updated ${user.email}: role ${user.role}, new password set.`);
      return;
    }

    let [ws] = args.workspace
      ? await db.select().from(workspaces).where(eq(workspaces.id, args.workspace)).limit(1)
      : await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
    if (!ws && args.workspace) throw new CliError(`No workspace with id ${args.workspace}.`);
    ws ??= (await db.insert(workspaces).values({ name: "My company" }).returning())[0];
    const user = await createUser({
      ctx: systemCtx(ws.id),
      input: { email: args.email, name: args.name ?? "", role: args.role, password: args.password },
    });
    console.log(`Created ${user.role} ${user.email} in workspace "${ws.name}" (${ws.id}).`);
  });
});
