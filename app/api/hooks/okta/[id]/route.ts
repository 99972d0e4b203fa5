// Okta's event hook endpoint for one integration: GET answers the one-time verification challenge,
// POST receives deliveries. Public (Okta has no session): each request proves itself with the
// integration's hook secret.
import { idParam } from "@/lib/api/params";
import { json, route } from "@/lib/api/route";
import { answerHookChallenge } from "@/lib/hooks/answer-hook-challenge";
import { receiveHookDelivery } from "@/lib/hooks/receive-hook-delivery";

export const dynamic = "force-dynamic";

const params = idParam("Integration");

export const GET = route({ access: "public", params }, async ({ ctx, req, params }) =>
  json(
    await answerHookChallenge({
      ctx,
      input: {
        integrationId: params.id,
        authorization: req.headers.get("authorization"),
        challenge: req.headers.get("x-okta-verification-challenge"),
      },
    }),
  ),
);

export const POST = route({ access: "public", params }, async ({ ctx, req, params }) => {
  await receiveHookDelivery({
    ctx,
    input: {
      integrationId: params.id,
      authorization: req.headers.get("authorization"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    },
  });
  return new Response(null, { status: 204 });
});
