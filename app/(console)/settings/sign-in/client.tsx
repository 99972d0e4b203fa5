"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import {
  Alert,
  applyServerErrors,
  Badge,
  Button,
  bodyResolver,
  Card,
  CardBody,
  CardHeader,
  Checkbox,
  CopyButton,
  Dialog,
  FormError,
  FormField,
  Input,
  OktaMark,
  Textarea,
  Time,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { oktaSignInInput, type SignInSettings, signInSettings } from "@/lib/auth/contracts";

interface OktaForm {
  oktaDomain: string;
  clientId: string;
  clientSecret: string;
  adminGroups: string;
  operatorGroups: string;
  viewerGroups: string;
  enabled: boolean;
}

/** One group per line (commas also separate), blanks dropped. */
const groupList = (text: string) =>
  text
    .split(/[\n,]/)
    .map((g) => g.trim())
    .filter(Boolean);

function oktaBody(v: OktaForm): z.input<typeof oktaSignInInput> {
  return {
    oktaDomain: v.oktaDomain,
    clientId: v.clientId,
    ...(v.clientSecret.trim() ? { clientSecret: v.clientSecret } : {}),
    adminGroups: groupList(v.adminGroups),
    operatorGroups: groupList(v.operatorGroups),
    viewerGroups: groupList(v.viewerGroups),
    enabled: v.enabled,
  };
}

function OktaSetupSteps({ redirectUri }: { redirectUri: string }) {
  return (
    <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
      <li>
        In the Okta Admin Console: <span className="font-medium">Applications → Create App Integration → OIDC, Web Application</span>.
      </li>
      <li>
        Grant type <span className="font-medium">Authorization Code</span>; sign-in redirect URI:
        <span className="mt-1 flex min-w-0 items-center gap-2">
          <code
            data-testid="redirect-uri"
            className="min-w-0 flex-1 rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs break-all"
          >
            {redirectUri}
          </code>
          <CopyButton value={redirectUri} />
        </span>
      </li>
      <li>
        On its <span className="font-medium">Sign On</span> tab, set the ID token&apos;s <span className="font-medium">Groups claim</span>:
        type Filter, name <code className="font-mono">groups</code>, Matches regex <code className="font-mono">.*</code> (or a narrower
        one).
      </li>
      <li>Assign the people (or groups) who may use the console, then copy the client ID and client secret here.</li>
    </ol>
  );
}

function OktaCard({ settings, origin, onSaved }: { settings: SignInSettings; origin: string; onSaved: (s: SignInSettings) => void }) {
  const okta = settings.okta;
  const [removing, setRemoving] = useState(false);
  const form = useForm<OktaForm>({
    resolver: bodyResolver((v: OktaForm) => ({ schema: oktaSignInInput, body: oktaBody(v) })),
    defaultValues: {
      oktaDomain: okta?.oktaDomain ?? "",
      clientId: okta?.clientId ?? "",
      clientSecret: "",
      adminGroups: okta?.adminGroups.join("\n") ?? "",
      operatorGroups: okta?.operatorGroups.join("\n") ?? "",
      viewerGroups: okta?.viewerGroups.join("\n") ?? "",
      enabled: okta?.enabled ?? true,
    },
  });
  const save = useMutation({
    mutationFn: (body: z.input<typeof oktaSignInInput>) =>
      api("/api/sign-in-settings/okta", { method: "PUT", body, schema: signInSettings }),
    onSuccess: (s) => {
      form.reset({ ...form.getValues(), clientSecret: "" });
      onSaved(s);
    },
    onError: (e) => applyServerErrors(form, e, (path) => path in form.getValues()),
  });
  const remove = useMutation({
    mutationFn: () => api("/api/sign-in-settings/okta", { method: "DELETE" }),
    onSuccess: () => {
      setRemoving(false);
      form.reset({ oktaDomain: "", clientId: "", clientSecret: "", adminGroups: "", operatorGroups: "", viewerGroups: "", enabled: true });
      onSaved({ ...settings, okta: null });
    },
  });
  const redirectUri = `${origin}${settings.redirectPath}`;
  return (
    <Card className="max-w-3xl">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            <OktaMark size={20} /> Sign in with Okta
          </span>
        }
        description="People sign in with their Okta account; their Okta groups decide their role here. Passwords keep working for break-glass."
        actions={
          okta ? <Badge tone={okta.enabled ? "success" : "neutral"}>{okta.enabled ? "On" : "Off"}</Badge> : <Badge>Not set up</Badge>
        }
      />
      <CardBody className="space-y-6">
        <OktaSetupSteps redirectUri={redirectUri} />
        <form className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => save.mutate(oktaBody(v)))} aria-label="Sign in with Okta">
          {save.isSuccess && !save.isPending && (
            <Alert tone="success">
              Saved. The sign-in page now offers “Sign in with Okta”{okta?.enabled === false ? " once it is on" : ""}.
            </Alert>
          )}
          <FormError control={form.control} />
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <FormField control={form.control} name="oktaDomain" label="Okta domain" hint="e.g. acme.okta.com">
              <Input {...form.register("oktaDomain")} autoComplete="off" spellCheck={false} />
            </FormField>
            <FormField control={form.control} name="clientId" label="Client ID">
              <Input {...form.register("clientId")} autoComplete="off" spellCheck={false} className="font-mono" />
            </FormField>
          </div>
          <FormField
            control={form.control}
            name="clientSecret"
            label="Client secret"
            hint={
              okta ? (
                <>
                  A secret is saved (sealed, never shown again; updated <Time value={okta.updatedAt} />
                  ). Leave this empty to keep it.
                </>
              ) : (
                "Stored sealed, and never shown again."
              )
            }
          >
            <Input {...form.register("clientSecret")} type="password" autoComplete="new-password" spellCheck={false} />
          </FormField>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <FormField
              control={form.control}
              name="adminGroups"
              label="Okta groups of admins"
              hint="One group name per line, exactly as in Okta."
            >
              <Textarea {...form.register("adminGroups")} rows={3} spellCheck={false} />
            </FormField>
            <FormField
              control={form.control}
              name="operatorGroups"
              label="Okta groups of operators"
              hint="They request actions on Okta; admins approve."
            >
              <Textarea {...form.register("operatorGroups")} rows={3} spellCheck={false} />
            </FormField>
            <FormField control={form.control} name="viewerGroups" label="Okta groups of viewers" hint="Someone in no list is refused.">
              <Textarea {...form.register("viewerGroups")} rows={3} spellCheck={false} />
            </FormField>
          </div>
          <label htmlFor="okta-sign-in-enabled" className="flex items-center gap-2 text-sm text-slate-700">
            <Checkbox
              id="okta-sign-in-enabled"
              checked={form.watch("enabled")}
              onCheckedChange={(c) => form.setValue("enabled", c === true, { shouldDirty: true })}
              aria-label="Offer sign-in with Okta on the sign-in page"
            />
            Offer “Sign in with Okta” on the sign-in page
          </label>
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-4">
            {okta && (
              <Button type="button" variant="secondary" onClick={() => setRemoving(true)}>
                Remove
              </Button>
            )}
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </div>
        </form>
      </CardBody>
      <Dialog
        open={removing}
        onClose={() => setRemoving(false)}
        title="Remove sign-in with Okta?"
        description="The setup and its client secret are deleted. People who signed in with Okta keep their accounts but cannot sign in until it is set up again or an admin gives them a password."
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove
            </Button>
          </>
        }
      >
        {remove.error && <Alert tone="danger">{remove.error.message}</Alert>}
      </Dialog>
    </Card>
  );
}

function TotpPolicyCard({ settings, onSaved }: { settings: SignInSettings; onSaved: (s: SignInSettings) => void }) {
  const [required, setRequired] = useState(settings.requireTotp);
  const save = useMutation({
    mutationFn: (requireTotp: boolean) => api("/api/sign-in-settings", { method: "PATCH", body: { requireTotp }, schema: signInSettings }),
    onSuccess: onSaved,
  });
  return (
    <Card className="max-w-3xl">
      <CardHeader
        title="Two-factor authentication"
        description="For sign-ins with a password. Sign-ins with Okta follow your Okta sign-in policy instead."
      />
      <CardBody className="space-y-4">
        {save.error && <Alert tone="danger">{save.error.message}</Alert>}
        {save.isSuccess && !save.isPending && <Alert tone="success">Saved.</Alert>}
        <label htmlFor="require-two-factor" className="flex items-start gap-2 text-sm text-slate-700">
          <Checkbox
            id="require-two-factor"
            className="mt-0.5"
            checked={required}
            onCheckedChange={(c) => setRequired(c === true)}
            aria-label="Require a code from an authenticator app"
          />
          <span>
            Require a code from an authenticator app (TOTP) after the password.
            <span className="block text-xs text-slate-500">
              People without one (you included) set it up at their next request. An admin can reset someone&apos;s in Settings → People.
            </span>
          </span>
        </label>
        <div className="flex justify-end border-t border-slate-100 pt-4">
          <Button onClick={() => save.mutate(required)} loading={save.isPending} disabled={required === settings.requireTotp}>
            Save
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}

export function SignInSettingsClient({ initial, origin }: { initial: SignInSettings; origin: string }) {
  const [settings, setSettings] = useState(initial);
  return (
    <div className="space-y-6">
      <OktaCard settings={settings} origin={origin} onSaved={setSettings} />
      <TotpPolicyCard settings={settings} onSaved={setSettings} />
    </div>
  );
}
