import { revealedSecret, revealSecretBody } from "@/lib/actions/contracts";
import { revealActionSecret } from "@/lib/actions/reveal-action-secret";
import { idParam } from "@/lib/api/params";
import { json, route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** The one-time link of a target, once, to its requester. Never cached. */
export const POST = route(
  { access: "operator", params: idParam("Action request"), body: revealSecretBody },
  async ({ ctx, params, body }) =>
    json(revealedSecret.parse(await revealActionSecret({ ctx, input: { id: params.id, seq: body.seq } })), 200, {
      "cache-control": "no-store",
    }),
);
