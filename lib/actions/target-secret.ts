// A one-time value an action returns (an activation or password reset link when no email is sent) is a
// secret: the executor seals it on the target (action_targets.secret_sealed, bound to the request and
// target by targetSecretAad), and reveal-action-secret.ts opens it once for the requester and clears
// it. It never appears in a request's view, the audit log or the server log.
import { unseal } from "@/lib/crypto/seal";
import { targetSecretAad } from "./execute-action";

export function openTargetSecret(requestId: string, seq: number, sealed: string): Record<string, string> {
  return JSON.parse(unseal(sealed, targetSecretAad(requestId, seq))) as Record<string, string>;
}
