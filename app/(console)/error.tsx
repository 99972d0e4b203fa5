"use client";
import { Alert, Button } from "@/components/ui";

// Server details never reach the browser (Next replaces them with a digest); show what the user can do.
export default function ConsoleError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-xl">
      <Alert
        tone="danger"
        title="This page could not be loaded"
        action={
          <Button variant="secondary" size="sm" onClick={() => retry()}>
            Try again
          </Button>
        }
      >
        Something went wrong on our side. If it keeps happening, check the server log{error.digest ? ` (reference ${error.digest})` : ""}.
      </Alert>
    </div>
  );
}
