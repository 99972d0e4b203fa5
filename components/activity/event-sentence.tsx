// What an event did, in words, with its targets' names set apart ("added **Jane Doe** to
// **aws-prod-admins**"). With `integrationId`, a target the directory holds (`inDirectory`) links to
// its person, group or app page.
import Link from "next/link";
import { describeEvent, type EventActor, type EventTarget, targetName } from "@/lib/activity/event-types";
import { links } from "@/lib/links";

/** The directory page of a target, when the console has one for its type. */
export function targetHref(integrationId: string, t: EventTarget): string | null {
  if (!t.id) return null;
  if (t.type === "User" || t.type === "AppUser") return links.person(integrationId, t.id);
  if (t.type === "UserGroup") return links.group(integrationId, t.id);
  if (t.type === "AppInstance") return links.app(integrationId, t.id);
  return null;
}

export function EventSentence({
  event,
  integrationId,
  className,
}: {
  event: { eventType: string; displayMessage: string | null; actor: EventActor; targets: (EventTarget & { inDirectory?: boolean })[] };
  /** Link the targets the directory holds to their pages. */
  integrationId?: string;
  className?: string;
}) {
  const { parts } = describeEvent(event);
  if (parts.length === 0) return null;
  return (
    <span className={className}>
      {parts.map((p, i) => {
        // Parts never reorder: their position is their identity.
        const key = `${i}`;
        if (typeof p === "string") return <span key={key}>{p}</span>;
        const name = targetName(p.target);
        const inDirectory = (p.target as { inDirectory?: boolean }).inDirectory;
        const href = integrationId && inDirectory ? targetHref(integrationId, p.target) : null;
        return href ? (
          <Link
            key={key}
            href={href}
            className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
          >
            {name}
          </Link>
        ) : (
          <span key={key} className="font-medium text-slate-800">
            {name}
          </span>
        );
      })}
    </span>
  );
}
