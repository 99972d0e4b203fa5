// Server side of the group and app pages: parse the ids from the path, load once per request
// (the title and the page share it), and turn "not found" into Next's 404.
import { notFound } from "next/navigation";
import type { ZodType } from "zod";
import { requirePageCtx } from "@/lib/auth/page";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";

export async function loadDetail<P, T>(
  schema: ZodType<P>,
  raw: unknown,
  load: (args: { ctx: WorkspaceCtx; input: P }) => Promise<T>,
): Promise<T> {
  const ctx = await requirePageCtx();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) notFound();
  try {
    return await load({ ctx, input: parsed.data });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
