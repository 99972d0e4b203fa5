"use client";
// Settings' danger zone: Disconnect (credentials deleted, syncs stopped, the imported copy kept or
// deleted), or for a disconnected integration, Remove (it and everything it imported).
import { DisconnectButton } from "@/components/integrations/disconnect-button";
import { RemoveButton } from "@/components/integrations/remove-button";
import { Card, CardHeader } from "@/components/ui";
import { links } from "@/lib/links";

export function DangerZone({
  integration: i,
  hasData,
}: {
  integration: { id: string; name: string; domain: string; state: "connected" | "disconnected" };
  hasData: boolean;
}) {
  return (
    <Card className="mt-6 max-w-3xl border-red-200" data-testid="danger-zone">
      <CardHeader title="Danger zone" />
      <div className="flex flex-wrap items-center justify-between gap-4 border-t border-red-100 px-5 py-4">
        {i.state === "connected" ? (
          <>
            <div className="max-w-2xl text-sm text-slate-700">
              <p className="font-medium text-slate-900">Disconnect this integration</p>
              <p>
                Deletes its credentials and stops its syncs; you choose whether the imported data stays (read-only) or goes. The overview
                then lists what to clean up in Okta.
              </p>
            </div>
            <DisconnectButton id={i.id} name={i.name} domain={i.domain} afterDisconnect={links.overview(i.id)} />
          </>
        ) : (
          <>
            <div className="max-w-2xl text-sm text-slate-700">
              <p className="font-medium text-slate-900">Remove this integration</p>
              <p>
                {hasData
                  ? "Deletes the data it imported, kept since the disconnect, "
                  : "Its imported data is already deleted; removing deletes "}
                its sync history and event log, and takes it off the integrations list.
              </p>
            </div>
            <RemoveButton id={i.id} name={i.name} domain={i.domain} hasData={hasData} afterRemove={links.integrations()} />
          </>
        )}
      </div>
    </Card>
  );
}
