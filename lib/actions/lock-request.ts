// The request row a decision is about (approve, deny, cancel), locked until the decision commits, so
// two decisions on one request are taken one after the other. Another workspace's id is a 404.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { actionRequests } from "@/db/schema";
import { AppError } from "@/lib/errors";

export async function lockRequest(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(actionRequests)
    .where(and(eq(actionRequests.id, id), eq(actionRequests.workspaceId, workspaceId)))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", "Action request not found");
  return row;
}
