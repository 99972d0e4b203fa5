"use client";
// The signed-in console user, for client components that decide what to offer (the Actions menus, the
// Approve button): their id, role and email. The server still decides every request; this only keeps
// the page from offering what would be refused.
import { createContext, useContext } from "react";
import type { Role } from "@/db/enums";

export interface ConsoleUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

const Ctx = createContext<ConsoleUser | null>(null);

export function ConsoleUserProvider({ user, children }: { user: ConsoleUser; children: React.ReactNode }) {
  return <Ctx.Provider value={user}>{children}</Ctx.Provider>;
}

/** The signed-in user; throws outside the console shell (a page outside it has no user). */
export function useConsoleUser(): ConsoleUser {
  const u = useContext(Ctx);
  if (!u) throw new Error("useConsoleUser outside the console shell");
  return u;
}

/** Operators and admins request actions; viewers read. */
export const canRequestActions = (u: Pick<ConsoleUser, "role">) => u.role === "admin" || u.role === "operator";
