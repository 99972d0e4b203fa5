// What a check is: `gather` (probes: Okta and the database) then `rule` (pure: facts -> verdict), and
// the context both see. Its own module so that the rules (checks/*) and the runner (engine.ts) both
// depend on it, not on each other.
import type { AuthMethod } from "@/db/schema";
import type { AdminLinks } from "./admin-links";
import type { CheckId, CheckResult, CheckStatus, EvidenceItem, Symptom } from "./contracts";
import type { Probes } from "./probes";

export interface CheckContext {
  target: "stored" | "presave";
  symptom: Symptom;
  method: AuthMethod;
  /** The org's host (or what was typed, when it is not a valid domain), for sentences. */
  host: string;
  links: AdminLinks;
  /** The scopes the integration asks for. */
  requestedScopes: readonly string[];
}

export interface CheckOutcome {
  status: CheckStatus;
  cause?: string | null;
  summary: string;
  evidence?: EvidenceItem[];
  fix?: string | null;
  adminUrl?: string | null;
}

export interface CheckDef<F = unknown> {
  id: CheckId;
  title(ctx: CheckContext): string;
  /** Checks that must have run without failing first. */
  needs: CheckId[];
  applies?(ctx: CheckContext): boolean;
  gather(p: Probes, ctx: CheckContext, done: ReadonlyMap<CheckId, CheckResult>): Promise<F>;
  rule(facts: F, ctx: CheckContext): CheckOutcome;
}
