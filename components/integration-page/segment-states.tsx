"use client";
// Loading and error states of the integration's pages: a skeleton in the page's shape, and an error
// that says what could not load and offers a retry (server details stay on the server).
import Link from "next/link";
import { Alert, Button, Card } from "@/components/ui";
import { links } from "@/lib/links";

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-slate-200/80 ${className}`} />;
}

export function PageSkeleton({ label, blocks = ["h-28", "h-64", "h-48"] }: { label: string; blocks?: string[] }) {
  return (
    <div role="status" aria-label={label}>
      <span className="sr-only">{label}</span>
      <Bar className="mb-3 h-4 w-48" />
      <Bar className="mb-2 h-7 w-72" />
      <Bar className="mb-6 h-4 w-56" />
      <div className="mb-5 flex gap-6 border-b border-slate-200 pb-2.5">
        <Bar className="h-4 w-16" />
        <Bar className="h-4 w-20" />
        <Bar className="h-4 w-16" />
      </div>
      <div className="space-y-6">
        {/* Placeholders in a fixed order: position is their identity. */}
        {blocks.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders that never reorder
          <Card key={i} className={`${h} p-5`}>
            <Bar className="mb-3 h-4 w-40" />
            <Bar className="h-3 w-2/3" />
          </Card>
        ))}
      </div>
    </div>
  );
}

export function SegmentError({ what, error, retry }: { what: string; error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-xl">
      <Alert
        tone="danger"
        title={`${what} could not be loaded`}
        action={
          <Button variant="secondary" size="sm" onClick={() => retry()}>
            Try again
          </Button>
        }
      >
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps happening, check the
        server log.{" "}
        <Link href={links.integrations()} className="underline">
          Back to Integrations
        </Link>
      </Alert>
    </div>
  );
}
