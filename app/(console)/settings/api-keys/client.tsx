"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import {
  Alert,
  applyServerErrors,
  Badge,
  Button,
  Card,
  CardHeader,
  CopyButton,
  Dialog,
  EmptyState,
  FormError,
  FormField,
  Input,
  KeyIcon,
  PlusIcon,
  Table,
  TBody,
  TD,
  TH,
  THead,
  Time,
  TR,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { createApiKeyInput, type PublicApiKey, publicApiKey } from "@/lib/api-keys/schemas";

const keysKey = ["api-keys"] as const;
const listSchema = z.object({ items: z.array(publicApiKey) });
const createdSchema = z.object({ key: z.string(), apiKey: publicApiKey });

function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const form = useForm<z.input<typeof createApiKeyInput>>({
    resolver: zodResolver(createApiKeyInput, undefined, { raw: true }),
    defaultValues: { name: "" },
  });
  const create = useMutation({
    mutationFn: (body: { name: string }) => api("/api/api-keys", { method: "POST", body, schema: createdSchema }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keysKey }),
    onError: (e) => applyServerErrors(form, e),
  });
  const close = () => {
    // Forget the key as soon as the dialog closes: it is never shown again.
    create.reset();
    form.reset();
    onClose();
  };
  const created = create.data;
  if (created) {
    return (
      <Dialog open={open} onClose={close} title="API key created" footer={<Button onClick={close}>Done</Button>}>
        <Alert tone="warning" title="Copy the key now">
          This is the only time it is shown. The console stores only a hash of it.
        </Alert>
        <div className="mt-4 flex items-center gap-2">
          <code
            data-testid="new-api-key"
            className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900"
          >
            {created.key}
          </code>
          <CopyButton value={created.key} />
        </div>
        <p className="mt-3 text-xs text-slate-500">
          It acts as you ({created.apiKey.owner.email}, {created.apiKey.owner.role}). Example:{" "}
          <code className="font-mono">
            curl -H &quot;Authorization: Bearer $KEY&quot; {typeof window !== "undefined" ? window.location.origin : ""}/api/me
          </code>
        </p>
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create an API key"
      description="The key acts as you, with your role. You can revoke it at any time."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="create-key" loading={create.isPending}>
            Create key
          </Button>
        </>
      }
    >
      <form id="create-key" noValidate onSubmit={form.handleSubmit((body) => create.mutate(body))}>
        <FormError control={form.control} className="mb-4" />
        <FormField control={form.control} name="name" label="Name" hint="What uses it, e.g. “Nightly export”.">
          <Input {...form.register("name")} maxLength={80} autoComplete="off" />
        </FormField>
      </form>
    </Dialog>
  );
}

export function ApiKeysClient({ initialKeys }: { initialKeys: PublicApiKey[] }) {
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: keysKey,
    queryFn: () => api("/api/api-keys", { schema: listSchema }).then((r) => r.items),
    initialData: initialKeys,
  });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<PublicApiKey | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keysKey });
      setRevoking(null);
    },
  });
  const active = data.filter((k) => !k.revokedAt).length;
  return (
    <Card>
      <CardHeader
        title="API keys"
        description={`${active} active`}
        actions={
          <Button size="sm" onClick={() => setCreating(true)}>
            <PlusIcon size={15} /> Create API key
          </Button>
        }
      />
      {data.length === 0 ? (
        <EmptyState
          icon={<KeyIcon size={20} />}
          title="No API keys yet"
          description="Create a key to call the console's API from scripts, for example to trigger a sync or export the directory."
          action={
            <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
              Create API key
            </Button>
          }
        />
      ) : (
        <Table label="API keys">
          <THead>
            <TH>Name</TH>
            <TH>Key</TH>
            <TH>Acts as</TH>
            <TH>Created</TH>
            <TH>Last used</TH>
            <TH align="right">Status</TH>
          </THead>
          <TBody>
            {data.map((k) => (
              <TR key={k.id} className={k.revokedAt ? "text-slate-500" : undefined}>
                <TD className="font-medium whitespace-nowrap text-slate-900">{k.name}</TD>
                <TD>
                  <code className="font-mono text-xs text-slate-600">{k.prefix}…</code>
                </TD>
                <TD>
                  {k.owner.email} <span className="text-xs text-slate-500">({k.owner.role})</span>
                </TD>
                <TD>
                  <Time value={k.createdAt} />
                </TD>
                <TD>{k.lastUsedAt ? <Time value={k.lastUsedAt} /> : <span className="text-slate-500">Never</span>}</TD>
                <TD align="right">
                  {k.revokedAt ? (
                    <Badge>Revoked</Badge>
                  ) : (
                    <Button variant="secondary" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </Button>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog
        open={!!revoking}
        onClose={() => setRevoking(null)}
        title="Revoke this key?"
        description={revoking ? `“${revoking.name}” (${revoking.prefix}…) stops working immediately. This cannot be undone.` : undefined}
        footer={
          <>
            <Button variant="secondary" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              Revoke key
            </Button>
          </>
        }
      >
        {revoke.error && <Alert tone="danger">{revoke.error.message}</Alert>}
      </Dialog>
    </Card>
  );
}
