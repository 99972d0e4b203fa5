// Okta's one-time verification: a GET with x-okta-verification-challenge, answered with
// {"verification": <value>}. The request must carry the hook's secret like any delivery.
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { authenticateHookRequest } from "./authenticate-hook-request";

export async function answerHookChallenge(input: { integrationId: string; authorization: string | null; challenge: string | null }) {
  await authenticateHookRequest(input.integrationId, input.authorization);
  if (!input.challenge) throw new AppError("VALIDATION", "x-okta-verification-challenge: the header is required");
  if (input.challenge.length > 512) throw new AppError("VALIDATION", "x-okta-verification-challenge: too long");
  await getDb().$client`update event_hooks set verified_at = now(), updated_at = now() where integration_id = ${input.integrationId}`;
  return { verification: input.challenge };
}
