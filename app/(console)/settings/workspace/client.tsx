"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert, applyServerErrors, Button, Card, CardBody, CardHeader, FormError, FormField, Input, Time } from "@/components/ui";
import { api } from "@/lib/api/client";
import { renameWorkspaceInput } from "@/lib/workspaces/contracts";

const workspaceSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.coerce.date() });

export function WorkspaceClient({ workspace, isAdmin }: { workspace: { id: string; name: string; createdAt: Date }; isAdmin: boolean }) {
  const router = useRouter();
  const form = useForm<z.input<typeof renameWorkspaceInput>>({
    resolver: zodResolver(renameWorkspaceInput, undefined, { raw: true }),
    defaultValues: { name: workspace.name },
  });
  const name = useWatch({ control: form.control, name: "name" });
  const save = useMutation({
    mutationFn: (body: { name: string }) => api("/api/workspace", { method: "PATCH", body, schema: workspaceSchema }),
    // The sidebar shows the name too; refresh the server components.
    onSuccess: () => router.refresh(),
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Card className="max-w-2xl">
      <CardHeader
        title="Workspace"
        description="Everything in the console belongs to one workspace: people, integrations and synced data."
      />
      <CardBody>
        <form className="space-y-4" noValidate onSubmit={form.handleSubmit((body) => save.mutate(body))}>
          {save.isSuccess && !save.isPending && <Alert tone="success">Workspace name saved.</Alert>}
          <FormError control={form.control} />
          <FormField
            control={form.control}
            name="name"
            label="Name"
            hint={isAdmin ? "Shown in the sidebar." : "Only admins can rename the workspace."}
          >
            <Input {...form.register("name")} readOnly={!isAdmin} maxLength={80} />
          </FormField>
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
