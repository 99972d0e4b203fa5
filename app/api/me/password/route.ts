import { route } from "@/lib/api/route";
import { changeOwnPassword, changeOwnPasswordInput } from "@/lib/users/change-own-password";

/** Changes your own password from a signed-in session. Your other sessions end. */
export const POST = route({ access: "viewer", body: changeOwnPasswordInput, beforePasswordChange: true }, async ({ ctx, body }) =>
  changeOwnPassword({ ctx, input: body }),
);
