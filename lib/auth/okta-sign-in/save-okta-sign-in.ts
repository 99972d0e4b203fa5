// Sets up (or changes) sign-in with Okta for the workspace. The domain is normalised like a connection's
// and must answer as an Okta org; the client secret is sealed and never returned. Saving without a new
// secret keeps the one stored.
import { sql } from "drizzle-orm";
import { oktaSignInConfigs } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { seal } from "@/lib/crypto/seal";
import { AppError } from "@/lib/errors";
import { answersAsOkta, discoverOrg } from "@/lib/okta/discovery";
import { DomainError, normalizeOktaDomain } from "@/lib/okta/domain";
import type { OktaSignInInput, SignInSettings } from "../contracts";
import { getSignInSettings } from "./get-sign-in-settings";
import { findOktaConfig, secretAad } from "./store";

const fieldError = (field: string, message: string) => new AppError("VALIDATION", `${field}: ${message}`, { fields: [{ field, message }] });

/** One list, in the order typed, without repeats (Okta group names are case-sensitive). */
const unique = (names: string[]) => [...new Set(names)];

export async function saveOktaSignIn({ ctx, input }: { ctx: Ctx; input: OktaSignInInput }): Promise<SignInSettings> {
  let issuer: string;
  try {
    issuer = normalizeOktaDomain(input.oktaDomain).origin;
  } catch (e) {
    if (e instanceof DomainError) throw fieldError("oktaDomain", e.message);
    throw e;
  }
  const existing = await findOktaConfig(ctx.db, ctx.workspaceId);
  if (!existing && !input.clientSecret) throw fieldError("clientSecret", "Enter the client secret");
  const facts = await discoverOrg(issuer);
  if (!answersAsOkta(facts))
    throw fieldError("oktaDomain", `No Okta org answers at ${issuer}${facts.network ? ` (${facts.network.message})` : ""}`);

  const admin = unique(input.adminGroups);
  const operator = unique(input.operatorGroups).filter((g) => !admin.includes(g));
  const viewer = unique(input.viewerGroups).filter((g) => !admin.includes(g) && !operator.includes(g));
  const sealed = input.clientSecret ? seal(input.clientSecret, secretAad(ctx.workspaceId)) : existing!.sealedClientSecret;
  const values = {
    issuer,
    clientId: input.clientId,
    sealedClientSecret: sealed,
    adminGroups: admin,
    operatorGroups: operator,
    viewerGroups: viewer,
    enabled: input.enabled,
    updatedAt: sql`now()`,
  };
  await ctx.db
    .insert(oktaSignInConfigs)
    .values({ workspaceId: ctx.workspaceId, ...values })
    .onConflictDoUpdate({ target: oktaSignInConfigs.workspaceId, set: values });
  return getSignInSettings({ ctx });
}
