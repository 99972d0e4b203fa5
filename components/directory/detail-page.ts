// Server side of the group and app pages: parse the ids from the path, load once per request
// (the title and the page share it), and turn "not found" into Next's 404.
import { notFound } from "next/navigation";
import type { ZodType } from "zod";
import { requirePageActor } from "@/lib/auth/page";
import type { DirectoryCtx } from "@/lib/directory/contracts";
import { AppError } from "@/lib/errors";

export async function loadDetail<P, T>(
  schema: ZodType<P>,
  raw: unknown,
  load: (args: { ctx: DirectoryCtx; input: P }) => Promise<T>,
): Promise<T> {
  const actor = await requirePageActor();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) notFound();
  try {
    return await load({ ctx: actor, input: parsed.data });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
