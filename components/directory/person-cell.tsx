import Link from "next/link";
import { links } from "@/lib/links";
import { personName } from "./labels";

const COLORS = [
  "bg-sky-100 text-sky-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-violet-100 text-violet-800",
  "bg-rose-100 text-rose-800",
  "bg-teal-100 text-teal-800",
];

/** Initials in a colour picked from the id, so a person looks the same everywhere. */
export function Avatar({ name, id, size = "sm", className }: { name: string; id: string; size?: "sm" | "lg"; className?: string }) {
  const initials = name
    .split(/[\s.@]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold ${COLORS[h % COLORS.length]} ${size === "lg" ? "size-12 text-base" : "size-8 text-xs"} ${className ?? ""}`}
    >
      {initials || "?"}
    </span>
  );
}

/** Avatar, name (a link to the person's page) and login. */
export function PersonCell({
  person,
}: {
  person: {
    integrationId: string;
    id: string;
    login: string;
    displayName?: string | null;
    firstName?: string | null;
    lastName?: string | null;
  };
}) {
  const name = personName(person);
  return (
    <div className="flex min-w-0 items-center gap-3">
      {/* On a phone the name and login stay narrow and the avatar goes, so the next column (Status) fits on screen. */}
      <Avatar name={name} id={person.id} className="max-sm:hidden" />
      <div className="min-w-0 max-sm:max-w-[9.5rem]">
        <Link
          href={links.person(person.integrationId, person.id)}
          className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {name}
        </Link>
        <div className="truncate text-xs text-slate-500" title={person.login}>
          {person.login}
        </div>
      </div>
    </div>
  );
}
