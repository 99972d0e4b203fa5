"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, RefreshIcon } from "@/components/ui";
import { api } from "@/lib/api/client";
import { startSyncResponseSchema } from "@/lib/sync/contracts";
import { integrationKeys } from "./queries";

/** Starts a run (or joins the one already going) and hands it to the live progress through the cache. */
export function SyncNowButton({ id, active }: { id: string; active: boolean }) {
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => api(`/api/integrations/${id}/syncs`, { method: "POST", body: {}, schema: startSyncResponseSchema }),
    onSuccess: ({ run }) => {
      qc.setQueryData(integrationKeys.run(id, run.id), run);
      void qc.invalidateQueries({ queryKey: integrationKeys.all(id), predicate: (q) => q.queryKey[2] !== "run" });
    },
  });
  return (
    <span className="inline-flex flex-col items-end">
      <Button onClick={() => start.mutate()} loading={start.isPending} disabled={active}>
        <RefreshIcon size={15} className={active ? "animate-spin" : undefined} /> {active ? "Syncing…" : "Sync now"}
      </Button>
      {start.error && (
        <span role="alert" className="mt-1 max-w-56 text-right text-xs text-red-600">
          {start.error.message}
        </span>
      )}
    </span>
  );
}
