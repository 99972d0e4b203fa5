// Opaque list cursors: base64url JSON of the last item's sort key. A cursor that does not decode
// is a 400 naming the `cursor` field, never a 500.
import { type ZodType, z } from "zod";
import { AppError } from "@/lib/errors";

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(cursor: string | undefined, schema: ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION", "Invalid query: cursor: not a cursor this list returned", {
      fields: [{ field: "cursor", message: "not a cursor this list returned" }],
    });
  }
}

export const uuidCursor = z.tuple([z.uuid()]);
// Postgres bigint; beyond the safe integers a JS number no longer names one row.
export const idCursor = z.tuple([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);
