import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page";
import { listTotpUsers } from "@/lib/auth/totp/list-totp-users";
import { listUsers } from "@/lib/users/list-users";
import { SettingsHeader } from "../settings-header";
import { PeopleClient } from "./client";

export const metadata: Metadata = { title: "People · Settings" };

export default async function PeoplePage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const people = await listUsers({ ctx });
  const withTwoFactor = await listTotpUsers({ ctx });
  return (
    <>
      <SettingsHeader
        section="People"
        isAdmin={actor.role === "admin"}
        description="Who can sign in to this workspace, and what they may do."
      />
      <PeopleClient initialPeople={people} me={actor.userId} isAdmin={actor.role === "admin"} withTwoFactor={withTwoFactor} />
    </>
  );
}
