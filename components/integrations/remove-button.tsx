"use client";
// Removes a disconnected integration with everything of it, after a confirmation that says so.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Dialog, TrashIcon } from "@/components/ui";
import { api } from "@/lib/api/client";
import { removeResult } from "@/lib/integrations/contracts";

export function RemoveButton({
  id,
  name,
  domain,
  hasData,
  afterRemove,
  size,
  variant = "danger",
}: {
  id: string;
  name: string;
  domain: string;
  hasData: boolean;
  /** Where to go once removed (default: stay, refreshed). */
  afterRemove?: string;
  size?: "sm";
  /** "secondary" in a list, where a red button on every row would shout. */
  variant?: "danger" | "secondary";
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/api/integrations/${id}/remove`, { method: "POST", schema: removeResult }),
    onSuccess: () => {
      setOpen(false);
      // The lists that showed it read again (they keep their own cache across a refresh).
      void qc.invalidateQueries({ queryKey: ["integrations"] });
      void qc.invalidateQueries({ queryKey: ["dashboard"] });
      if (afterRemove) router.push(afterRemove);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant={variant} size={size} onClick={() => setOpen(true)} aria-label={`Remove ${name}`}>
        <TrashIcon size={15} /> Remove
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Remove ${name}?`}
        description={domain}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} loading={remove.isPending}>
              Remove permanently
            </Button>
          </>
        }
      >
        <ul className="ml-4 list-disc space-y-1 text-sm text-slate-700">
          {hasData ? (
            <li>The data it imported (people, groups, apps, assignments, sign-in activity) is deleted from the console.</li>
          ) : (
            <li>Its imported data was already deleted when it was disconnected.</li>
          )}
          <li>Its sync history and event log are deleted too, and it leaves the integrations list.</li>
          <li>Nothing changes in Okta.</li>
        </ul>
        {remove.error && (
          <Alert tone="danger" className="mt-3">
            {remove.error.message}
          </Alert>
        )}
      </Dialog>
    </>
  );
}
