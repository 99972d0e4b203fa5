import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button, Card } from "@/components/ui";
import { getSessionActor } from "@/lib/auth/actor";
import { signOutAction } from "@/lib/auth/sign-out-action";
import { links } from "@/lib/links";

export const metadata: Metadata = { title: "Sign out" };

// A page as well as the menu item, so sign-out works from a bookmark or a plain link.
export default async function LogoutPage() {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Sign out</h1>
      <p className="mt-1 text-sm text-slate-600">
        You are signed in as <span className="font-medium text-slate-900">{actor.email}</span>.
      </p>
      <form action={signOutAction} className="mt-6 flex items-center gap-3">
        <Button type="submit">Sign out</Button>
        <Link href={links.integrations()} className="text-sm text-slate-600 hover:text-slate-900 hover:underline">
          Stay signed in
        </Link>
      </form>
    </Card>
  );
}
