import { route } from "@/lib/api/route";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { changeOwnPasswordInput } from "@/lib/users/schemas";

/** Changes your own password from a signed-in session. Your other sessions end. */
export const POST = route({ access: "viewer", body: changeOwnPasswordInput, beforePasswordChange: true }, async ({ ctx, body }) =>
  changeOwnPassword({ ctx, input: body }),
);
