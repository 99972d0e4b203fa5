// runSync as the worker's job runs it (with the stored integration's Okta client), for tests.
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { type RunSyncOptions, runSync as runSyncWith } from "@/lib/sync/run-sync";

export function runSync(runId: string, opts: Omit<RunSyncOptions, "loadClient"> = {}) {
  return runSyncWith(runId, { loadClient: loadOktaClient, ...opts });
}
