import { z } from "zod";
import { ApiError } from "@/lib/api/client";
import { type Diagnosis, diagnosis as diagnosisSchema, type ScopeResult, scopeResult } from "@/lib/integrations/contracts";

const verificationDetails = z.object({
  diagnosis: diagnosisSchema,
  verification: z
    .object({ scopes: z.array(scopeResult) })
    .partial()
    .optional(),
});

/**
 * Why Okta refused a connection (422 and friends): the diagnosis and the per-scope results from the
 * error's details. Field messages are the form's business (applyServerErrors).
 */
export function readDiagnosis(err: unknown): { diagnosis: Diagnosis | null; scopes: ScopeResult[] } {
  const d = err instanceof ApiError ? verificationDetails.safeParse(err.details) : null;
  return d?.success ? { diagnosis: d.data.diagnosis, scopes: d.data.verification?.scopes ?? [] } : { diagnosis: null, scopes: [] };
}
