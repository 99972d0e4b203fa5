"use client";
// The connect form: domain, name, owner, auth method with its Okta-side steps, scopes. "Test connection"
// verifies without saving; "Connect" verifies and saves, then lands on the integration's page. Both
// are checked first by the API's own schema (verifyInput, connectInput).
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { DiagnosticsWizard } from "@/components/diagnostics/wizard";
import {
  Alert,
  applyServerErrors,
  Button,
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
import { connectInput, READ_SCOPES, type ReadScope, verifyInput, verifyResult } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";
import { AllowActionsField } from "./allow-actions-field";
import { AUTH_FIELDS, AuthMethodFields, type AuthState, emptyAuth, toAuthInput } from "./auth-method-fields";
import { DiagnosisPanel } from "./diagnosis-panel";
import { type OwnerOption, OwnerOptions } from "./owner-options";
import { readDiagnosis } from "./read-diagnosis";
import { ScopePicker } from "./scope-picker";
import { ScopeResults } from "./scope-results";

interface ConnectValues {
  domain: string;
  name: string;
  ownerId: string;
  auth: AuthState;
  scopes: ReadScope[];
  allowActions: boolean;
}

const FIELDS = new Set(["domain", "name", "ownerId", "scopes", "allowActions", ...AUTH_FIELDS]);
const verifyBody = (v: ConnectValues) => ({
  domain: v.domain,
  auth: toAuthInput(v.auth),
  scopes: v.scopes,
  ...(v.allowActions ? { allowActions: true } : {}),
});
const connectBody = (v: ConnectValues) => ({ ...verifyBody(v), name: v.name, ownerId: v.ownerId });

/** The same Okta org is connected already: connecting it again would count its people twice. */
function AlreadyConnected({ others }: { others: { id: string; name: string; domain: string }[] }) {
  return (
    <Alert tone="warning" title="This Okta org is already connected" className="mb-3">
      <span data-testid="already-connected">
        {others.map((o, i) => (
          <span key={o.id}>
            {i > 0 && ", "}
            <Link href={links.overview(o.id)} className="font-medium underline">
              {o.name}
            </Link>{" "}
            ({o.domain})
          </span>
        ))}{" "}
        syncs the same org (same Okta org ID). Connecting it again imports the same people, groups and apps a second time, so the directory
        counts them twice.
      </span>
    </Alert>
  );
}

export function ConnectForm({ owners, currentUserId, demoUrl }: { owners: OwnerOption[]; currentUserId: string; demoUrl?: string }) {
  const router = useRouter();
  // Which button submitted: "Test connection" is checked against the verify route's schema.
  const intent = useRef<"test" | "connect">("connect");
  const form = useForm<ConnectValues>({
    resolver: bodyResolver((v) =>
      intent.current === "test" ? { schema: verifyInput, body: verifyBody(v) } : { schema: connectInput, body: connectBody(v) },
    ),
    defaultValues: { domain: "", name: "Okta", ownerId: currentUserId, auth: emptyAuth, scopes: [...READ_SCOPES], allowActions: false },
  });
  const values = useWatch({ control: form.control }) as ConnectValues;
  const [troubleshoot, setTroubleshoot] = useState(false);
  const onError = (e: Error) => applyServerErrors(form, e, (path) => FIELDS.has(path));

  const test = useMutation({
    mutationFn: (body: ReturnType<typeof verifyBody>) => api("/api/integrations/verify", { method: "POST", body, schema: verifyResult }),
    onError,
  });
  const connect = useMutation({
    mutationFn: (body: ReturnType<typeof connectBody>) => api<{ id: string }>("/api/integrations", { method: "POST", body }),
    onSuccess: (i) => router.push(`/integrations/okta/${i.id}?connected=1`),
    onError,
  });
  const { diagnosis, scopes } = readDiagnosis(connect.error ?? (test.isSuccess ? null : test.error));
  const busy = test.isPending || connect.isPending;
  const { control, register } = form;

  return (
    <FormProvider {...form}>
      <form
        className="space-y-6"
        onSubmit={(e) => {
          intent.current = "connect";
          test.reset();
          return form.handleSubmit((v) => connect.mutate(connectBody(v)))(e);
        }}
        noValidate
      >
        <Card>
          <CardHeader title="Okta org" description="Paste your Okta domain or any Okta URL; the console keeps just the org address." />
          <CardBody className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <FormField
              control={control}
              name="domain"
              label="Okta domain"
              hint={
                demoUrl ? (
                  <>
                    e.g. acme.okta.com. Demo org on this machine: <code className="font-mono">{demoUrl}</code>
                  </>
                ) : (
                  "e.g. acme.okta.com, acme.oktapreview.com or your custom domain"
                )
              }
              className="md:col-span-2"
            >
              <Input {...register("domain")} placeholder="acme.okta.com" autoComplete="off" spellCheck={false} required />
            </FormField>
            <FormField control={control} name="name" label="Integration name" hint="Unique in this workspace">
              <Input {...register("name")} maxLength={80} required />
            </FormField>
            <FormField control={control} name="ownerId" label="Owner" hint="Who is responsible for this connection">
              <Select {...register("ownerId")}>
                <OwnerOptions owners={owners} />
              </Select>
            </FormField>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Access"
            description="How the console signs in to Okta. Credentials are encrypted at rest and never shown again."
          />
          <CardBody>
            <AuthMethodFields />
          </CardBody>
        </Card>

        <Card>
          <CardBody className="space-y-4">
            <ScopePicker />
            <AllowActionsField />
          </CardBody>
        </Card>

        <div aria-live="polite" className="space-y-4">
          {diagnosis && <DiagnosisPanel diagnosis={diagnosis} scopes={scopes} />}
          {diagnosis && !troubleshoot && (
            <Button variant="secondary" onClick={() => setTroubleshoot(true)}>
              Troubleshoot this connection
            </Button>
          )}
          {diagnosis && troubleshoot && (
            <Card>
              <CardHeader
                title="Troubleshoot"
                description="Runs the checks live against Okta with the values above, before anything is saved."
              />
              <CardBody>
                <DiagnosticsWizard endpoint="/api/integrations/diagnostics" baseBody={verifyBody(values)} initialSymptom="credentials" />
              </CardBody>
            </Card>
          )}
          {/* A diagnosis explains the failure better than the error's one-line message. */}
          {!diagnosis && <FormError control={control} title="Could not connect" />}
          {test.data && (
            <Card data-testid="test-result">
              <CardHeader
                title="Connection works"
                description={
                  [test.data.usesDpop ? "Okta required DPoP; the console used it." : null, ...test.data.domain.changes]
                    .filter(Boolean)
                    .join(" ") || "Nothing has been saved yet."
                }
              />
              <CardBody>
                {!!test.data.alreadyConnected?.length && <AlreadyConnected others={test.data.alreadyConnected} />}
                <ScopeResults results={test.data.scopes} />
              </CardBody>
            </Card>
          )}
        </div>

        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 pt-4">
          <Button
            variant="secondary"
            onClick={() => {
              intent.current = "test";
              connect.reset();
              void form.handleSubmit((v) => test.mutate(verifyBody(v)))();
            }}
            loading={test.isPending}
            disabled={busy}
          >
            Test connection
          </Button>
          <Button type="submit" loading={connect.isPending} disabled={busy}>
            Verify and connect
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
