import { z } from "zod";
import { ApiError } from "@/lib/api/client";
import { type Diagnosis, diagnosis as diagnosisSchema, type ScopeResult, scopeResult } from "@/lib/integrations/contracts";

/** Splits an API error into field messages (400) or a verification diagnosis (422 and friends). */
export function readError(err: unknown): {
  fields: Record<string, string>;
  diagnosis: Diagnosis | null;
  scopes: ScopeResult[];
  message: string | null;
} {
  if (!(err instanceof ApiError))
    return { fields: {}, diagnosis: null, scopes: [], message: err ? "Something went wrong. Try again." : null };
  const d = z
    .object({
      diagnosis: diagnosisSchema,
      verification: z
        .object({ scopes: z.array(scopeResult) })
        .partial()
        .optional(),
    })
    .safeParse(err.details);
  const fields = err.fieldErrors;
  return {
    fields,
    diagnosis: d.success ? d.data.diagnosis : null,
    scopes: d.success ? (d.data.verification?.scopes ?? []) : [],
    message: d.success || Object.keys(fields).length ? null : err.message,
  };
}
