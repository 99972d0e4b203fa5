"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { SessionList, sessionsKey } from "@/components/account/session-list";
import {
  Alert,
  applyServerErrors,
  Badge,
  Button,
  Card,
  CardHeader,
  Dialog,
  EmptyState,
  FormError,
  FormField,
  Input,
  PlusIcon,
  Select,
  SelectMenu,
  type SelectOption,
  SessionsIcon,
  Table,
  TBody,
  TD,
  TH,
  THead,
  Time,
  Tooltip,
  TR,
  TrashIcon,
  UsersIcon,
} from "@/components/ui";
import { ROLE_LABELS, type Role } from "@/db/enums";
import { api } from "@/lib/api/client";
import { createUserInput, type PublicUser, publicUser } from "@/lib/users/schemas";

const ROLE_OPTIONS: SelectOption<Role>[] = [
  { value: "admin", label: "Admin", hint: "changes settings, approves" },
  { value: "operator", label: "Operator", hint: "requests actions" },
  { value: "viewer", label: "Viewer", hint: "reads" },
];

const peopleKey = ["users"] as const;
const listSchema = z.object({ items: z.array(publicUser) });

function randomPassword() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

const emptyPerson: z.input<typeof createUserInput> = { email: "", name: "", role: "viewer", password: "" };

function AddPersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const form = useForm({ resolver: zodResolver(createUserInput, undefined, { raw: true }), defaultValues: emptyPerson });
  const create = useMutation({
    mutationFn: (body: z.input<typeof createUserInput>) => api("/api/users", { method: "POST", body, schema: publicUser }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: peopleKey });
      form.reset(emptyPerson);
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const close = () => {
    create.reset();
    form.clearErrors();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add a person"
      description="They sign in with this email and the initial password you set. Share it with them securely."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="add-person" loading={create.isPending}>
            Add person
          </Button>
        </>
      }
    >
      <form id="add-person" className="space-y-4" noValidate onSubmit={form.handleSubmit((body) => create.mutate(body))}>
        <FormError control={form.control} />
        <FormField control={form.control} name="email" label="Email">
          <Input type="email" {...form.register("email")} autoComplete="off" required />
        </FormField>
        <FormField control={form.control} name="name" label="Name" hint="Optional">
          <Input {...form.register("name")} autoComplete="off" />
        </FormField>
        <FormField
          control={form.control}
          name="role"
          label="Role"
          hint="Admins connect integrations, manage people and approve actions; operators request actions on Okta; viewers only look."
        >
          <Select {...form.register("role")}>
            <option value="viewer">Viewer</option>
            <option value="operator">Operator</option>
            <option value="admin">Admin</option>
          </Select>
        </FormField>
        <div className="flex items-start gap-2">
          <FormField control={form.control} name="password" label="Initial password" hint="At least 8 characters." className="flex-1">
            <Input {...form.register("password")} autoComplete="new-password" className="font-mono" />
          </FormField>
          <Button
            variant="secondary"
            className="mt-6"
            onClick={() => form.setValue("password", randomPassword(), { shouldValidate: form.formState.isSubmitted })}
          >
            Generate
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SessionsDialog({ person, onClose }: { person: PublicUser | null; onClose: () => void }) {
  const qc = useQueryClient();
  const endAll = useMutation({
    mutationFn: (id: string) => api(`/api/sessions?userId=${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: (_d, _e, id) => qc.invalidateQueries({ queryKey: sessionsKey(id) }),
  });
  const close = () => {
    endAll.reset();
    onClose();
  };
  return (
    <Dialog
      open={!!person}
      onClose={close}
      size="lg"
      title={person ? `Sessions of ${person.name || person.email}` : "Sessions"}
      description="Where this person is signed in. Ending a session signs that browser out at once; their API keys are not affected."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
          <Button variant="danger" loading={endAll.isPending} onClick={() => person && endAll.mutate(person.id)}>
            End all sessions
          </Button>
        </>
      }
    >
      {endAll.error && <Alert tone="danger">{endAll.error.message}</Alert>}
      {person && <SessionList userId={person.id} label={`Sessions of ${person.email}`} />}
    </Dialog>
  );
}

function RemoveDialog({ person, onClose }: { person: PublicUser | null; onClose: () => void }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/users/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: peopleKey });
      onClose();
    },
  });
  return (
    <Dialog
      open={!!person}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title="Remove this person?"
      description={person ? `${person.email} will be signed out and can no longer sign in. Their API keys stop working.` : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" loading={remove.isPending} onClick={() => person && remove.mutate(person.id)}>
            Remove
          </Button>
        </>
      }
    >
      {remove.error && <Alert tone="danger">{remove.error.message}</Alert>}
    </Dialog>
  );
}

/** An admin resets someone's two-factor authentication (a lost phone and no recovery codes left). */
function ResetTwoFactorDialog({
  person,
  onClose,
  onReset,
}: {
  person: PublicUser | null;
  onClose: () => void;
  onReset: (id: string) => void;
}) {
  const reset = useMutation({
    mutationFn: (id: string) => api(`/api/users/${id}/totp`, { method: "DELETE" }),
    onSuccess: (_d, id) => {
      onReset(id);
      onClose();
    },
  });
  return (
    <Dialog
      open={!!person}
      onClose={() => {
        reset.reset();
        onClose();
      }}
      title="Reset two-factor authentication?"
      description={
        person
          ? `${person.email}'s authenticator and recovery codes stop working. Their password alone signs them in until they set up a new one (at once, where the workspace requires it).`
          : undefined
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" loading={reset.isPending} onClick={() => person && reset.mutate(person.id)}>
            Reset
          </Button>
        </>
      }
    >
      {reset.error && <Alert tone="danger">{reset.error.message}</Alert>}
    </Dialog>
  );
}

export function PeopleClient({
  initialPeople,
  me,
  isAdmin,
  withTwoFactor = [],
}: {
  initialPeople: PublicUser[];
  me: string;
  isAdmin: boolean;
  /** Ids of the people with two-factor authentication on. */
  withTwoFactor?: string[];
}) {
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: peopleKey,
    queryFn: () => api("/api/users", { schema: listSchema }).then((r) => r.items),
    initialData: initialPeople,
  });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PublicUser | null>(null);
  const [sessionsOf, setSessionsOf] = useState<PublicUser | null>(null);
  const [twoFactor, setTwoFactor] = useState(() => new Set(withTwoFactor));
  const [resetting, setResetting] = useState<PublicUser | null>(null);
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      api(`/api/users/${id}`, { method: "PATCH", body: { role }, schema: publicUser }),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKey }),
  });
  const admins = data.filter((p) => p.role === "admin").length;
  return (
    <Card>
      <CardHeader
        title="People"
        description={`${data.length} ${data.length === 1 ? "person" : "people"} · ${admins} ${admins === 1 ? "admin" : "admins"}`}
        actions={
          isAdmin && (
            <Button size="sm" onClick={() => setAdding(true)}>
              <PlusIcon size={15} /> Add person
            </Button>
          )
        }
      />
      {changeRole.error && (
        <div className="px-5 pt-4">
          <Alert tone="danger">{changeRole.error.message}</Alert>
        </div>
      )}
      {data.length === 0 ? (
        <EmptyState icon={<UsersIcon size={20} />} title="No people yet" description="Add the people who should see this workspace." />
      ) : (
        <Table label="People in this workspace">
          <THead>
            <TH>Person</TH>
            <TH>Role</TH>
            <TH>Last sign-in</TH>
            <TH>Added</TH>
            {isAdmin && <TH align="right">Actions</TH>}
          </THead>
          <TBody>
            {data.map((p) => {
              const lastAdmin = p.role === "admin" && admins <= 1;
              return (
                <TR key={p.id}>
                  <TD>
                    <div className="font-medium text-slate-900">
                      {p.name || p.email} {p.id === me && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
                      {twoFactor.has(p.id) && (
                        <Badge tone="success" className="ml-2">
                          2FA
                        </Badge>
                      )}
                    </div>
                    {p.name && <div className="text-xs text-slate-500">{p.email}</div>}
                  </TD>
                  <TD>
                    {isAdmin && !lastAdmin ? (
                      <SelectMenu
                        aria-label={`Role of ${p.email}`}
                        value={p.role}
                        disabled={changeRole.isPending}
                        className="w-32"
                        options={ROLE_OPTIONS}
                        onValueChange={(role) => changeRole.mutate({ id: p.id, role })}
                      />
                    ) : isAdmin ? (
                      <Tooltip content="The last admin cannot be demoted: make someone else an admin first.">
                        <button type="button" className="cursor-help rounded focus:outline-2 focus:outline-brand-500">
                          <Badge tone="brand">Admin</Badge>
                        </button>
                      </Tooltip>
                    ) : (
                      <Badge tone={p.role === "admin" ? "brand" : "neutral"}>{ROLE_LABELS[p.role]}</Badge>
                    )}
                  </TD>
                  <TD>{p.lastSignInAt ? <Time value={p.lastSignInAt} /> : <span className="text-slate-500">Never</span>}</TD>
                  <TD>
                    <Time value={p.createdAt} />
                  </TD>
                  {isAdmin && (
                    <TD align="right">
                      <Button variant="ghost" size="sm" onClick={() => setSessionsOf(p)} aria-label={`Sessions of ${p.email}`}>
                        <SessionsIcon size={15} /> Sessions
                      </Button>
                      {twoFactor.has(p.id) && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setResetting(p)}
                          aria-label={`Reset two-factor authentication of ${p.email}`}
                        >
                          Reset 2FA
                        </Button>
                      )}
                      {p.id !== me && !lastAdmin && (
                        <Button variant="ghost" size="sm" onClick={() => setRemoving(p)} aria-label={`Remove ${p.email}`}>
                          <TrashIcon size={15} /> Remove
                        </Button>
                      )}
                    </TD>
                  )}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      {isAdmin && <AddPersonDialog open={adding} onClose={() => setAdding(false)} />}
      {isAdmin && <RemoveDialog person={removing} onClose={() => setRemoving(null)} />}
      {isAdmin && <SessionsDialog person={sessionsOf} onClose={() => setSessionsOf(null)} />}
      {isAdmin && (
        <ResetTwoFactorDialog
          person={resetting}
          onClose={() => setResetting(null)}
          onReset={(id) => setTwoFactor((s) => new Set([...s].filter((x) => x !== id)))}
        />
      )}
    </Card>
  );
}
