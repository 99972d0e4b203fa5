"use client";
// What the Activity pages show when they failed to load: what happened and what to do.
import { Alert, Button, ButtonLink } from "@/components/ui";
import { links } from "@/lib/links";

export function ActivityError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-xl">
      <Alert
        tone="danger"
        title="Activity could not be loaded"
        action={
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => retry()}>
              Try again
            </Button>
            <ButtonLink href={links.activity()} variant="ghost" size="sm">
              All activity
            </ButtonLink>
          </div>
        }
      >
        The server could not answer just now. Try again in a moment; if it keeps happening, check the server log
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </Alert>
    </div>
  );
}
