"use client";
// Loading and error states of the Approvals and Audit route segments (their loading.tsx/error.tsx).
import { Alert, Button, ButtonLink } from "@/components/ui";
import { links } from "@/lib/links";

export { DirectoryLoading as ActionsLoading } from "@/components/directory/segment";

function SegmentError({
  what,
  back,
  error,
  retry,
}: {
  what: string;
  back: { href: string; label: string };
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <div className="mx-auto mt-10 max-w-xl">
      <Alert
        tone="danger"
        title={`${what} could not be loaded`}
        action={
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => retry()}>
              Try again
            </Button>
            <ButtonLink href={back.href} variant="ghost" size="sm">
              {back.label}
            </ButtonLink>
          </div>
        }
      >
        The server could not answer just now. Nothing was changed; try again in a moment. If it keeps happening, check the server log
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </Alert>
    </div>
  );
}

export function ApprovalsError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <SegmentError what="Requests" back={{ href: links.approvals(), label: "All requests" }} {...props} />;
}

export function AuditError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <SegmentError what="The audit log" back={{ href: links.audit(), label: "The whole log" }} {...props} />;
}
