"use client";
import Link from "next/link";
import { EventSentence, targetHref } from "@/components/activity/event-sentence";
import { OutcomeBadge } from "@/components/activity/outcome-badge";
import { Facts, Quiet } from "@/components/directory/detail-parts";
import { ButtonLink, Card, CardHeader, CopyButton, PageHeader, Time } from "@/components/ui";
import type { ActivityEvent } from "@/lib/activity/contracts";
import { targetName } from "@/lib/activity/event-types";
import { links } from "@/lib/links";

// Okta's target types in words.
const TYPE_WORDS: Record<string, string> = {
  User: "Person",
  AppUser: "Person in an app",
  UserGroup: "Group",
  AppInstance: "App",
  AuthenticatorEnrollment: "MFA factor",
  EventHook: "Event hook",
  PublicClientApp: "API client",
  SystemPrincipal: "Okta",
};
const typeWords = (t: string | null) => (t ? (TYPE_WORDS[t] ?? t) : "—");

const mono = (v: string | null) => (v ? <span className="font-mono text-xs break-all whitespace-normal">{v}</span> : null);

export function EventClient({ event }: { event: ActivityEvent }) {
  const { actor, client, place, integration } = event;
  const actorName = actor.displayName ?? actor.login ?? actor.id ?? "Someone";
  const actorPage = actor.id && actor.inDirectory ? links.person(integration.id, actor.id) : null;
  const raw = event.raw ? JSON.stringify(event.raw, null, 2) : null;
  const coordinates = place.lat !== null && place.lon !== null ? `${place.lat}, ${place.lon}` : null;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Activity", href: links.activity() }, { label: event.action }]}
        title={event.action}
        description={
          <>
            <span className="font-medium text-slate-800">{actorName}</span>
            {event.summary ? " " : ""}
            <EventSentence event={event} integrationId={integration.id} />
            {" · "}
            <Time value={event.published} />
          </>
        }
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Event" description={`From ${integration.name}`} />
          <div className="px-5 py-4">
            <Facts
              items={[
                ["Outcome", <OutcomeBadge key="Outcome" outcome={event.outcome} reason={event.outcomeReason} />],
                ["Reason", event.outcomeReason],
                ["When", <Time key="When" value={event.published} />],
                ["Severity", event.severity],
                ["Event type", mono(event.eventType)],
                ["Okta's message", event.displayMessage],
                ["Event id", mono(event.id)],
                [
                  "Integration",
                  <Link key="Integration" href={links.overview(integration.id)} className="text-brand-700 hover:underline">
                    {integration.name}
                  </Link>,
                ],
              ]}
            />
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Actor"
            description="Who did it"
            actions={
              actor.id ? (
                <ButtonLink href={links.activity({ actor: actor.id })} variant="secondary" size="sm">
                  Their activity
                </ButtonLink>
              ) : undefined
            }
          />
          <div className="px-5 py-4">
            <Facts
              columns={1}
              items={[
                [
                  "Name",
                  actorPage ? (
                    <Link key="Name" href={actorPage} className="text-brand-700 hover:underline">
                      {actorName}
                    </Link>
                  ) : (
                    actorName
                  ),
                ],
                ["Login", actor.login],
                ["Type", typeWords(actor.type)],
                ["Okta id", mono(actor.id)],
              ]}
            />
          </div>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title="Targets" description={event.targets.length ? "What it was done to" : undefined} />
        {event.targets.length === 0 ? (
          <Quiet>This event names no target.</Quiet>
        ) : (
          <ul className="divide-y divide-slate-100">
            {event.targets.map((t) => {
              const href = t.inDirectory ? targetHref(integration.id, t) : null;
              return (
                <li key={`${t.type}:${t.id}:${targetName(t)}`} className="flex items-center justify-between gap-3 px-5 py-3">
                  <div className="min-w-0">
                    <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">{typeWords(t.type)}</div>
                    <div className="truncate text-sm font-medium text-slate-900">
                      {href ? (
                        <Link href={href} className="text-brand-700 hover:underline">
                          {targetName(t)}
                        </Link>
                      ) : (
                        targetName(t)
                      )}
                    </div>
                    <div className="truncate text-xs text-slate-500">
                      {[t.alternateId && t.alternateId !== "unknown" && t.alternateId !== targetName(t) ? t.alternateId : null, t.id]
                        .filter(Boolean)
                        .join(" · ")}
                    </div>
                  </div>
                  {t.id && (
                    <ButtonLink href={links.activity({ target: t.id })} variant="ghost" size="sm" className="shrink-0">
                      Activity about it
                    </ButtonLink>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Client" description="What it was done from" />
          <div className="px-5 py-4">
            <Facts
              items={[
                ["IP address", mono(client.ipAddress)],
                ["Device", client.device],
                ["Browser", client.browser],
                ["Operating system", client.os],
                ["Network zone", client.zone],
              ]}
            />
            <div className="mt-4 min-w-0">
              <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">User agent</div>
              <p className="mt-1 text-sm break-words text-slate-800">{client.userAgent ?? <span className="text-slate-500">—</span>}</p>
            </div>
          </div>
        </Card>
        <Card>
          <CardHeader title="Place" description="Where Okta placed the client's address" />
          <div className="px-5 py-4">
            <Facts
              items={[
                ["City", place.city],
                ["State or region", place.state],
                ["Country", place.country],
                ["Postal code", place.postalCode],
                ["Coordinates", coordinates],
              ]}
            />
          </div>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Raw event"
          description="Okta's System Log event as the sync read it"
          actions={raw ? <CopyButton value={raw} label="Copy JSON" /> : undefined}
        />
        {raw ? (
          // A read-only text area: focusable and scrollable by keyboard, and easy to select from.
          <textarea
            readOnly
            aria-label="Raw event JSON"
            value={raw}
            spellCheck={false}
            wrap="off"
            rows={Math.min(28, raw.split("\n").length)}
            className="block w-full resize-y rounded-b-lg border-0 bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100 dark:bg-slate-50 dark:text-slate-800 focus:outline-2 focus:-outline-offset-2 focus:outline-brand-500"
          />
        ) : (
          <Quiet>This event was synced before the console kept Okta's event; the details above are what was stored.</Quiet>
        )}
      </Card>
    </>
  );
}
