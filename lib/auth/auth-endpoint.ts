// POST /api/auth/* (Auth.js: credentials sign-in, sign-out): an anonymous caller's body is capped
// before Auth.js parses it, and a sign-in the throttle refuses is answered 429 with Retry-After
// (Auth.js itself would redirect to the sign-in page).
import { NextRequest } from "next/server";
import { readCappedBody } from "@/lib/api/read-capped-body";
import { toErrorResponse } from "@/lib/api/route";
import { handlers } from "./config";
import { captureSignInRefusal } from "./sign-in-refusal";

/** A sign-in form is a few hundred bytes; Next's server actions have the same 1 MB limit. */
export const MAX_AUTH_BODY_BYTES = 1024 * 1024;

export async function handleAuthPost(req: NextRequest): Promise<Response> {
  try {
    const body = await readCappedBody(req, MAX_AUTH_BODY_BYTES, "A request to the sign-in endpoint");
    const read = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body.byteLength ? body : undefined });
    const { result, refusal } = await captureSignInRefusal(() => handlers.POST(read));
    return refusal ? toErrorResponse(refusal, req) : result;
  } catch (err) {
    return toErrorResponse(err, req);
  }
}
