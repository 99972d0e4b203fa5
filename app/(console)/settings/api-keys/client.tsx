"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import {
  Alert,
  applyServerErrors,
  Badge,
  Button,
  bodyResolver,
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
  Select,
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

type Access = "full" | "read";
const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number]["value"];
interface KeyForm {
  name: string;
  access: Access;
  expiry: Expiry;
}

/** The request body the form's choices stand for (the expiry as a date, counted from now). */
function keyBody(v: KeyForm): z.input<typeof createApiKeyInput> {
  const expiresAt = v.expiry === "never" ? null : new Date(Date.now() + Number(v.expiry) * 86_400_000).toISOString();
  return { name: v.name, readOnly: v.access === "read", expiresAt };
}

function CreateKeyDialog({ open, onClose, role }: { open: boolean; onClose: () => void; role: string }) {
  const qc = useQueryClient();
  const form = useForm<KeyForm>({
    resolver: bodyResolver((v: KeyForm) => ({ schema: createApiKeyInput, body: keyBody(v) })),
    defaultValues: { name: "", access: "full", expiry: "never" },
  });
  const create = useMutation({
    mutationFn: (body: z.input<typeof createApiKeyInput>) => api("/api/api-keys", { method: "POST", body, schema: createdSchema }),
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
          It acts as you ({created.apiKey.owner.email}
          {created.apiKey.readOnly ? ", read-only: viewer rights" : `, ${created.apiKey.owner.role}`})
          {created.apiKey.expiresAt ? (
            <>
              {" "}
              until <Time value={created.apiKey.expiresAt} />
            </>
          ) : null}
          . Example:{" "}
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
      description="The key acts as you. You can revoke it at any time."
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
      <form id="create-key" className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => create.mutate(keyBody(v)))}>
        <FormError control={form.control} />
        <FormField control={form.control} name="name" label="Name" hint="What uses it, e.g. “Nightly export”.">
          <Input {...form.register("name")} maxLength={80} autoComplete="off" />
        </FormField>
        <FormField
          control={form.control}
          name="access"
          label="Access"
          hint="A read-only key can read everything a viewer can, and change nothing."
        >
          <Select {...form.register("access")}>
            <option value="full">Full: acts with your role ({role})</option>
            <option value="read">Read-only: acts as a viewer</option>
          </Select>
        </FormField>
        <FormField control={form.control} name="expiry" label="Expires" hint="An expired key is refused; create a new one then.">
          <Select {...form.register("expiry")}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </FormField>
      </form>
    </Dialog>
  );
}

/** Active, revoked or expired (at the time the page renders or refetches). */
function keyState(k: PublicApiKey, now: number): "active" | "revoked" | "expired" {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function ApiKeysClient({ initialKeys, role }: { initialKeys: PublicApiKey[]; role: string }) {
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
  const [now] = useState(() => Date.now());
  const active = data.filter((k) => keyState(k, now) === "active").length;
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
            <TH>Acts as</TH>
            <TH>Created</TH>
            <TH>Last used</TH>
            <TH>Expires</TH>
            <TH align="right">Status</TH>
          </THead>
          <TBody>
            {data.map((k) => {
              const state = keyState(k, now);
              return (
                <TR key={k.id} className={state !== "active" ? "text-slate-500" : undefined}>
                  <TD>
                    <div className="font-medium text-slate-900">{k.name}</div>
                    <code className="font-mono text-xs text-slate-500">{k.prefix}…</code>
                  </TD>
                  <TD>
                    <div className="break-all">{k.owner.email}</div>
                    <div className="mt-0.5 text-xs text-slate-500">
                      {k.readOnly ? <Badge tone="info">Read-only</Badge> : `Full access (${k.owner.role})`}
                    </div>
                  </TD>
                  <TD>
                    <Time value={k.createdAt} />
                  </TD>
                  <TD>{k.lastUsedAt ? <Time value={k.lastUsedAt} /> : <span className="text-slate-500">Never</span>}</TD>
                  <TD>{k.expiresAt ? <Time value={k.expiresAt} /> : <span className="text-slate-500">Never</span>}</TD>
                  <TD align="right">
                    {state === "revoked" ? (
                      <Badge>Revoked</Badge>
                    ) : state === "expired" ? (
                      <Badge tone="warning">Expired</Badge>
                    ) : (
                      <Button variant="secondary" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </Button>
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} role={role} />
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
