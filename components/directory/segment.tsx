"use client";
// Loading and error states of the directory's route segments (each segment's loading.tsx/error.tsx).
import { Alert, Button, ButtonLink, Card } from "@/components/ui";
import { links } from "@/lib/links";

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-slate-200/80 ${className}`} />;
}

// Placeholder rows never reorder; they only need distinct keys.
const SKELETON_ROWS = Array.from({ length: 8 }, (_, i) => `row-${i}`);

/** A skeleton shaped like a directory page: header, tabs or stats, and a table. */
export function DirectoryLoading({ label = "Loading the directory" }: { label?: string }) {
  return (
    <div role="status" aria-label={label}>
      <Bar className="mb-3 h-3 w-40" />
      <Bar className="mb-2 h-7 w-64" />
      <Bar className="mb-8 h-3.5 w-96 max-w-full" />
      <Card>
        <div className="flex gap-3 border-b border-slate-200 px-4 py-3">
          <Bar className="h-9 flex-1" />
          <Bar className="h-9 w-44" />
          <Bar className="h-9 w-44" />
        </div>
        {SKELETON_ROWS.map((row) => (
          <div key={row} className="flex items-center gap-4 border-b border-slate-100 px-4 py-3.5 last:border-0">
            <Bar className="size-8 rounded-full" />
            <div className="flex-1 space-y-1.5">
              <Bar className="h-3 w-48" />
              <Bar className="h-2.5 w-64" />
            </div>
            <Bar className="h-5 w-20" />
            <Bar className="h-3 w-24" />
          </div>
        ))}
      </Card>
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** What a directory page shows when it failed to load: what happened and what to do. */
export function DirectoryError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-xl">
      <Alert
        tone="danger"
        title="This part of the directory could not be loaded"
        action={
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => retry()}>
              Try again
            </Button>
            <ButtonLink href={links.people()} variant="ghost" size="sm">
              All people
            </ButtonLink>
          </div>
        }
      >
        The server could not answer just now. Your data is safe; try again in a moment. If it keeps happening, check the server log
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </Alert>
    </div>
  );
}
