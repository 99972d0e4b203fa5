"use client";
// Edit and rotate: name and owner; optionally new credentials (any method) and scopes, verified with
// Okta exactly like a connect before they replace the old ones. Synced data is not touched.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, ButtonLink, Card, CardBody, CardHeader, Field, Input, Select } from "@/components/ui";
import { api } from "@/lib/api/client";
import { type IntegrationView, METHOD_LABEL, type ReadScope } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";
import { AuthMethodFields, type AuthState, emptyAuth, toAuthInput } from "./auth-method-fields";
import type { OwnerOption } from "./connect-form";
import { DiagnosisPanel } from "./diagnosis-panel";
import { ScopePicker } from "./scope-picker";
import { readError } from "./use-verification-error";

export function EditForm({ integration: i, owners }: { integration: IntegrationView; owners: OwnerOption[] }) {
  const router = useRouter();
  const [name, setName] = useState(i.name);
  const [ownerId, setOwnerId] = useState(i.owner?.id ?? "");
  const [replace, setReplace] = useState(false);
  const [auth, setAuth] = useState<AuthState>({ ...emptyAuth, method: i.auth.method, clientId: i.auth.clientId ?? "" });
  const [scopes, setScopes] = useState<ReadScope[]>(i.scopes as ReadScope[]);
  const scopesChanged = scopes.length !== i.scopes.length || scopes.some((s) => !i.scopes.includes(s));

  const save = useMutation({
    mutationFn: () =>
      api(`/api/integrations/${i.id}`, {
        method: "PATCH",
        body: {
          ...(name !== i.name ? { name } : {}),
          ...(ownerId && ownerId !== i.owner?.id ? { ownerId } : {}),
          ...(replace ? { auth: toAuthInput(auth) } : {}),
          ...(replace || scopesChanged ? { scopes } : {}),
        },
      }),
    onSuccess: () => {
      router.push(links.overview(i.id));
      router.refresh();
    },
  });
  const err = readError(save.error);

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field label="Integration name" error={err.fields.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
          </Field>
          <Field label="Owner" error={err.fields.ownerId}>
            <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {!i.owner && <option value="">—</option>}
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name ? `${o.name} (${o.email})` : o.email}
                </option>
              ))}
            </Select>
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Credentials"
          description={`Now: ${METHOD_LABEL[i.auth.method]}${i.auth.clientId ? `, client ID ${i.auth.clientId}` : ""}${i.auth.keyId ? `, key ${i.auth.keyId}` : ""}${i.auth.tokenLast4 ? `, token …${i.auth.tokenLast4}` : ""}.`}
          actions={
            <Button variant="secondary" size="sm" onClick={() => setReplace(!replace)}>
              {replace ? "Keep current credentials" : "Replace credentials"}
            </Button>
          }
        />
        {replace && (
          <CardBody>
            <p className="mb-4 text-sm text-slate-600">
              New credentials are checked with Okta before they replace the current ones. If the check fails, nothing changes.
            </p>
            <AuthMethodFields value={auth} onChange={setAuth} errors={err.fields} />
          </CardBody>
        )}
      </Card>

      <Card>
        <CardBody>
          <ScopePicker value={scopes} onChange={setScopes} error={err.fields.scopes} />
        </CardBody>
      </Card>

      <div aria-live="polite">
        {err.diagnosis && <DiagnosisPanel diagnosis={err.diagnosis} scopes={err.scopes} />}
        {err.message && (
          <Alert tone="danger" title="Could not save">
            {err.message}
          </Alert>
        )}
      </div>

      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <ButtonLink variant="secondary" href={links.overview(i.id)}>
          Cancel
        </ButtonLink>
        <Button type="submit" loading={save.isPending}>
          {replace || scopesChanged ? "Verify and save" : "Save"}
        </Button>
      </div>
    </form>
  );
}
