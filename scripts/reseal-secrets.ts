// After rotating APP_ENCRYPTION_KEY: `npx tsx scripts/reseal-secrets.ts` (with the new key in
// APP_ENCRYPTION_KEY/APP_ENCRYPTION_KEY_ID and the old one in APP_ENCRYPTION_OLD_KEYS="kid:base64").
// Afterwards the old key can be removed from APP_ENCRYPTION_OLD_KEYS.
import { closeDb } from "@/db";
import { plural } from "@/lib/format";
import { resealSecrets } from "@/lib/integrations/reseal-secrets";

resealSecrets()
  .then(async (r) => {
    console.log(`Resealed ${plural(r.secrets, "credential")} and ${plural(r.pendingKeys, "pending key")} with the current key.`);
    await closeDb();
  })
  .catch(async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await closeDb();
    process.exit(1);
  });
