// Identity providers (200 per page).

import { oktaIdpSchema } from "@/lib/okta/schemas";
import type { ResourceContext } from "../run-context";
import { idpRow, idpsTable } from "../tables";
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
