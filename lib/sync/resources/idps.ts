// Identity providers (200 per page).
import type { ResourceContext } from "../run-context";
import { idpRow, idpsTable, oktaIdpSchema } from "../tables";
import { walkList } from "./walk";

export async function syncIdps(ctx: ResourceContext) {
  await walkList(ctx, {
    path: "/api/v1/idps",
    query: { limit: 200 },
    schema: oktaIdpSchema,
    toRow: idpRow,
    spec: idpsTable,
    what: "identity providers",
  });
}
