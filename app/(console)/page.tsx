// The home dashboard, where everyone lands: every integration's state and last sync, open problems
// with their fixes, people, groups and apps across orgs, identity hygiene and the latest changes the
// syncs made. Server-rendered once, then it reads itself again every 30 s (a wall screen needs no click).
import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { DashboardClient } from "./client";

export const metadata: Metadata = { title: "Overview" };

export default async function HomePage() {
  const ctx = await requirePageCtx();
  const dashboard = await getDashboard({ ctx });
  return <DashboardClient initial={dashboard} isAdmin={ctx.actor.role === "admin"} />;
}
