// Session helpers for server components. Cached per request so the layout and the page share one lookup.
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/context";
import { type Ctx, userCtx } from "@/lib/context";
import { links } from "@/lib/links";
import { getSessionActor } from "./actor";

export const getPageActor = cache(getSessionActor);

/**
 * The signed-in user of a console page; redirects to /login when there is none, to the password page
 * while the person still has to replace a generated password, and to the two-factor set-up while the
 * workspace requires one they do not have.
 */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect(links.changePassword());
  if (actor.mustEnrolTotp) redirect(links.setUpTwoFactor());
  return actor;
}

/** The ctx a console page calls verbs with: the signed-in user in their workspace. */
export async function requirePageCtx(): Promise<Ctx> {
  return userCtx(await requirePageActor());
}
