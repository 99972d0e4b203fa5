"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Time } from "@/components/ui";
import { ApiError, api } from "@/lib/api/client";

const workspaceSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.coerce.date() });

export function WorkspaceClient({ workspace, isAdmin }: { workspace: { id: string; name: string; createdAt: Date }; isAdmin: boolean }) {
  const router = useRouter();
  const [name, setName] = useState(workspace.name);
  const save = useMutation({
    mutationFn: () => api("/api/workspace", { method: "PATCH", body: { name }, schema: workspaceSchema }),
    // The sidebar shows the name too; refresh the server components.
    onSuccess: () => router.refresh(),
  });
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <Card className="max-w-2xl">
      <CardHeader
        title="Workspace"
        description="Everything in the console belongs to one workspace: people, integrations and synced data."
      />
      <CardBody>
        <form
          className="space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {save.isSuccess && !save.isPending && <Alert tone="success">Workspace name saved.</Alert>}
          {err && !err.fieldErrors.name && <Alert tone="danger">{err.message}</Alert>}
          <Field
            label="Name"
            error={err?.fieldErrors.name}
            hint={isAdmin ? "Shown in the sidebar." : "Only admins can rename the workspace."}
          >
            <Input value={name} onChange={(e) => setName(e.target.value)} readOnly={!isAdmin} maxLength={80} />
          </Field>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Workspace ID</dt>
            <dd>
              <code className="font-mono text-xs text-slate-700">{workspace.id}</code>
            </dd>
            <dt className="text-slate-500">Created</dt>
            <dd className="text-slate-700">
              <Time value={workspace.createdAt} />
            </dd>
          </dl>
          {isAdmin && (
            <div className="flex justify-end border-t border-slate-100 pt-4">
              <Button type="submit" loading={save.isPending} disabled={name.trim() === workspace.name}>
                Save
              </Button>
            </div>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
