import { redirect } from "next/navigation";
import { links } from "@/lib/links";

// /directory opens on People; a filter in the link is carried over.
export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const qs = new URLSearchParams(Object.entries(sp).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  redirect(`${links.people()}${qs ? `?${qs}` : ""}`);
}
