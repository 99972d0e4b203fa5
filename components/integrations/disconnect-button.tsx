"use client";
// Disconnect with a confirmation that says exactly what happens, and the choice to keep or delete data.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Dialog, TrashIcon } from "@/components/ui";
import { ApiError, api } from "@/lib/api/client";

export function DisconnectButton({
  id,
  name,
  domain,
  afterDisconnect,
}: {
  id: string;
  name: string;
  domain: string;
  /** Where to go once disconnected (the page with the clean-up steps in Okta); default: stay, refreshed. */
  afterDisconnect?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [deleteData, setDeleteData] = useState(false);
  const disconnect = useMutation({
    mutationFn: () => api(`/api/integrations/${id}?deleteData=${deleteData}`, { method: "DELETE" }),
    onSuccess: () => {
      setOpen(false);
      if (afterDisconnect) router.push(afterDisconnect);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        <TrashIcon size={15} /> Disconnect
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Disconnect ${name}?`}
        description={domain}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => disconnect.mutate()} loading={disconnect.isPending}>
              Disconnect
            </Button>
          </>
        }
      >
        <ul className="ml-4 list-disc space-y-1 text-sm text-slate-700">
          <li>Every stored credential, key and access token of this integration is deleted now.</li>
          <li>Running and scheduled syncs stop; the console can no longer call this Okta org.</li>
          <li>The disconnect is recorded with your name in the integration&apos;s event log.</li>
        </ul>
        <fieldset className="mt-4 space-y-2 text-sm">
          <legend className="mb-1 font-medium text-slate-900">Imported data (users, groups, apps, sign-in activity)</legend>
          <label className="flex items-start gap-2">
            <input
              type="radio"
              name="data"
              className="mt-0.5 size-4 accent-brand-600"
              checked={!deleteData}
              onChange={() => setDeleteData(false)}
            />
            <span>Keep it, read-only, for reference</span>
          </label>
          <label className="flex items-start gap-2">
            <input
              type="radio"
              name="data"
              className="mt-0.5 size-4 accent-red-600"
              checked={deleteData}
              onChange={() => setDeleteData(true)}
            />
            <span>Delete it permanently</span>
          </label>
        </fieldset>
        <p className="mt-4 text-xs text-slate-500">
          Afterwards, also deactivate the app (or revoke the API token) in Okta; the page will say how.
        </p>
        {disconnect.error && (
          <Alert tone="danger" className="mt-3">
            {disconnect.error instanceof ApiError ? disconnect.error.message : "Could not disconnect"}
          </Alert>
        )}
      </Dialog>
    </>
  );
}
