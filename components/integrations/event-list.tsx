import { Badge, Table, TBody, TD, TH, THead, Time, TR } from "@/components/ui";
import type { IntegrationEventView } from "@/lib/integrations/contracts";

const TONE = { info: "neutral", warn: "warning", error: "danger" } as const;

/** The integration's audit and sync events, newest first, with who did it. */
export function EventList({ events }: { events: IntegrationEventView[] }) {
  if (!events.length) return <p className="px-5 py-4 text-sm text-slate-500">No events yet.</p>;
  return (
    <Table label="Integration events">
      <THead>
        <TH>When</TH>
        <TH>Event</TH>
        <TH>By</TH>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.id}>
            <TD className="w-48 text-xs">
              <Time value={e.at} />
            </TD>
            <TD>
              <div className="flex items-start gap-2">
                <Badge tone={TONE[e.level]}>{e.kind}</Badge>
                <span className="text-sm text-slate-800">{e.message}</span>
              </div>
              {typeof e.details?.errorCode === "string" || typeof e.details?.errorId === "string" ? (
                <p className="mt-1 font-mono text-xs text-slate-500">
                  {[e.details?.errorCode, e.details?.errorId && `errorId ${e.details.errorId}`].filter(Boolean).join(" · ")}
                </p>
              ) : null}
            </TD>
            <TD className="text-sm">{e.actor ? e.actor.name : <span className="text-slate-500">system</span>}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
