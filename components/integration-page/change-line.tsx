// One change a run made, in a line: who or what, what it relates to (the group of a membership, the
// app of an assignment, the role held) and, for an update, the fields that changed; names open the
// directory's page of the person, group or app.
import Link from "next/link";
import { links } from "@/lib/links";
import type { ChangeRef, RunChangeItem } from "@/lib/sync/contracts";

/** Where a person, group or app of an integration opens. */
export function refHref(integrationId: string, r: ChangeRef) {
  if (r.type === "user") return links.person(integrationId, r.id);
  if (r.type === "group") return links.group(integrationId, r.id);
  if (r.type === "app") return links.app(integrationId, r.id);
  return null;
}

function Ref({ integrationId, r }: { integrationId: string; r: ChangeRef }) {
  const href = refHref(integrationId, r);
  return href ? (
    <Link href={href} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
      {r.name}
    </Link>
  ) : (
    <span className="font-medium text-slate-900">{r.name}</span>
  );
}

/** "Jane Doe in aws-prod-admins", "title, profile.costCenter": one change in a line. */
export function ChangeLine({ c, integrationId }: { c: RunChangeItem; integrationId: string }) {
  const what = c.object === "membership" ? "in" : c.object === "role" ? "holds" : c.target ? "assigned to" : null;
  return (
    <span className="min-w-0">
      <Ref integrationId={integrationId} r={c.subject} />
      {c.target && what && (
        <>
          {" "}
          <span className="text-slate-500">{what}</span> <Ref integrationId={integrationId} r={c.target} />
        </>
      )}
      {c.fields && c.fields.length > 0 && <span className="text-slate-500"> · {c.fields.join(", ")}</span>}
    </span>
  );
}
