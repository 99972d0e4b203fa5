// Key rotation covers the console's own sign-in secrets: after resealing, each opens with the new key
// alone, and a second run has nothing left to do.
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oktaSignInConfigs, totpFactors, workspaces } from "@/db/schema";
import { type Keyring, seal, sealedKid, unseal } from "@/lib/crypto/seal";
import { createTenant } from "@/test/factories";
import { secretAad } from "./okta-sign-in/store";
import { resealAccountSecrets } from "./reseal-account-secrets";
import { totpAad } from "./totp/factor-store";

describe("resealAccountSecrets", () => {
  it("reseals Okta client secrets and TOTP secrets sealed under an old key, in one workspace, once", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before: Keyring = { currentKid: "old", keys: new Map([["old", oldKey]]) };
    const after: Keyring = {
      currentKid: "new",
      keys: new Map([
        ["old", oldKey],
        ["new", newKey],
      ]),
    };
    const newOnly: Keyring = { currentKid: "new", keys: new Map([["new", newKey]]) };
    const t = await createTenant();
    const other = await createTenant();
    try {
      for (const ws of [t, other]) {
        await getDb()
          .insert(oktaSignInConfigs)
          .values({
            workspaceId: ws.ws.id,
            issuer: "https://acme.okta.com",
            clientId: "0oa1",
            sealedClientSecret: seal(`secret-${ws.ws.id}`, secretAad(ws.ws.id), before),
          });
        await getDb()
          .insert(totpFactors)
          .values({ userId: ws.admin.id, workspaceId: ws.ws.id, sealedSecret: seal("JBSWY3DPEHPK3PXP", totpAad(ws.admin.id), before) });
      }
      expect(await getDb().transaction((tx) => resealAccountSecrets(tx, after, t.ws.id))).toBe(2);
      const [cfg] = await getDb().select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, t.ws.id));
      const [factor] = await getDb().select().from(totpFactors).where(eq(totpFactors.userId, t.admin.id));
      expect(unseal(cfg.sealedClientSecret, secretAad(t.ws.id), newOnly)).toBe(`secret-${t.ws.id}`);
      expect(unseal(factor.sealedSecret, totpAad(t.admin.id), newOnly)).toBe("JBSWY3DPEHPK3PXP");
      // The other workspace was not asked for.
      const [untouched] = await getDb().select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, other.ws.id));
      expect(sealedKid(untouched.sealedClientSecret)).toBe("old");
      expect(await getDb().transaction((tx) => resealAccountSecrets(tx, after, t.ws.id))).toBe(0);
    } finally {
      // Sealed under keys only this test knows: no other test's sign-in should meet them.
      await getDb()
        .delete(workspaces)
        .where(inArray(workspaces.id, [t.ws.id, other.ws.id]));
    }
  });
});
