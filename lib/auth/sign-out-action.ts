"use server";
// The sign-out server action, here (not under app/) so the shell's user menu can import it without
// reaching back up into a route group.
import { signOut } from "./config";

export async function signOutAction() {
  await signOut({ redirectTo: "/login?signedOut=1" });
}
