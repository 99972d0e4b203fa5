"use client";
// Edit and rotate: name and owner; optionally new credentials (any method), scopes and "Allow actions",
// verified with Okta exactly like a connect before they replace the old ones. Synced data is not touched. The
// PATCH body holds only what changed and is checked first by the API's own schema (updateInput).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import {
  applyServerErrors,
  Button,
  ButtonLink,
  bodyResolver,
  Card,
  CardBody,
  CardHeader,
  FormError,
  FormField,
  Input,
  Select,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { type IntegrationView, METHOD_LABEL, type ReadScope, updateInput } from "@/lib/integrations/contracts";
import { AllowActionsField } from "./allow-actions-field";
import { AUTH_FIELDS, AuthMethodFields, type AuthState, emptyAuth, toAuthInput } from "./auth-method-fields";
import { DiagnosisPanel } from "./diagnosis-panel";
import { type OwnerOption, OwnerOptions } from "./owner-options";
import { readDiagnosis } from "./read-diagnosis";
import { ScopePicker } from "./scope-picker";

interface EditValues {
  name: string;
  ownerId: string;
  auth: AuthState;
  scopes: ReadScope[];
  allowActions: boolean;
}

const FIELDS = new Set(["name", "ownerId", "scopes", "allowActions", ...AUTH_FIELDS]);

export function EditForm({ integration: i, owners }: { integration: IntegrationView; owners: OwnerOption[] }) {
  const router = useRouter();
  const [replace, setReplace] = useState(false);
  const scopesChangedIn = (scopes: ReadScope[]) => scopes.length !== i.scopes.length || scopes.some((s) => !i.scopes.includes(s));
  const bodyOf = (v: EditValues) => ({
    ...(v.name !== i.name ? { name: v.name } : {}),
    ...(v.ownerId && v.ownerId !== i.owner?.id ? { ownerId: v.ownerId } : {}),
    ...(replace ? { auth: toAuthInput(v.auth) } : {}),
    ...(replace || scopesChangedIn(v.scopes) ? { scopes: v.scopes } : {}),
    ...(v.allowActions !== i.allowActions ? { allowActions: v.allowActions } : {}),
  });
  const form = useForm<EditValues>({
    resolver: bodyResolver((v) => ({ schema: updateInput, body: bodyOf(v) })),
    defaultValues: {
      name: i.name,
      ownerId: i.owner?.id ?? "",
      auth: { ...emptyAuth, method: i.auth.method, clientId: i.auth.clientId ?? "" },
      scopes: i.scopes as ReadScope[],
      allowActions: i.allowActions,
    },
  });
  const scopesChanged = scopesChangedIn(useWatch({ control: form.control, name: "scopes" }));
  const actionsOn = useWatch({ control: form.control, name: "allowActions" }) && !i.allowActions;

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof bodyOf>) => api(`/api/integrations/${i.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      router.push(`/integrations/okta/${i.id}`);
      router.refresh();
    },
    onError: (e) => applyServerErrors(form, e, (path) => FIELDS.has(path)),
  });
  const { diagnosis, scopes } = readDiagnosis(save.error);
  const { control, register } = form;

  return (
    <FormProvider {...form}>
      <form className="space-y-6" noValidate onSubmit={form.handleSubmit((v) => save.mutate(bodyOf(v)))}>
        <Card>
          <CardHeader title="Details" />
          <CardBody className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <FormField control={control} name="name" label="Integration name">
              <Input {...register("name")} maxLength={80} />
            </FormField>
            <FormField control={control} name="ownerId" label="Owner">
              <Select {...register("ownerId")}>
                {!i.owner && <option value="">—</option>}
                <OwnerOptions owners={owners} />
              </Select>
            </FormField>
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
              <AuthMethodFields />
            </CardBody>
          )}
        </Card>

        <Card>
          <CardBody className="space-y-4">
            <ScopePicker />
            <AllowActionsField />
          </CardBody>
        </Card>

        <div aria-live="polite">
          {diagnosis && <DiagnosisPanel diagnosis={diagnosis} scopes={scopes} />}
          {!diagnosis && <FormError control={control} title="Could not save" />}
        </div>

        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <ButtonLink variant="secondary" href={`/integrations/okta/${i.id}`}>
            Cancel
          </ButtonLink>
          <Button type="submit" loading={save.isPending}>
            {replace || scopesChanged || actionsOn ? "Verify and save" : "Save"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
