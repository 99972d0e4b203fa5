// Every request to the hook endpoint proves itself with the integration's secret, compared in
// constant time. Failures are counted (the page shows them) and answered 401 without saying which
// part was wrong; an unknown integration answers the same way, so ids cannot be probed.
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { readHookSecret, secretMatches } from "./hook-secret";

export async function authenticateHookRequest(integrationId: string, authorization: string | null) {
  const [row] = await getDb().$client`
    select i.state from integrations i join event_hooks h on h.integration_id = i.id where i.id = ${integrationId}`;
  const secret = row?.state === "connected" ? await readHookSecret(integrationId) : null;
  if (!secret || !secretMatches(authorization, secret)) {
    if (row) {
      await getDb()
        .$client`update event_hooks set auth_failures = auth_failures + 1, last_auth_failure_at = now() where integration_id = ${integrationId}`;
    }
    throw new AppError("UNAUTHENTICATED", "Missing or wrong event hook secret");
  }
}
