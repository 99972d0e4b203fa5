"use client";
// The three ways to authenticate to Okta, each with the Okta-side setup steps for the chosen one.
// Fields of the surrounding form (connect or edit) under `auth`, read through the form's context.
import { useMutation } from "@tanstack/react-query";
import { type FieldPath, useFormContext, useWatch } from "react-hook-form";
import { Alert, Badge, Button, CopyButton, cn, FormField, Input, KeyIcon, Textarea, useFieldError } from "@/components/ui";
import { ApiError, api } from "@/lib/api/client";
import { type PendingKeyView, pendingKeyView } from "@/lib/integrations/contracts";

export type Method = "private_key_jwt" | "client_secret" | "api_token";

/** What a form holding these fields has. */
export interface AuthValues {
  auth: AuthState;
}

/** The request paths whose errors these fields show (the generated key's id shows beside its button). */
export const AUTH_FIELDS = ["auth.clientId", "auth.privateKey", "auth.keyId", "auth.generatedKeyId", "auth.clientSecret", "auth.token"];
// A path of the request body with no input of its own: the generated key is picked by a button.
const GENERATED_KEY_ID = "auth.generatedKeyId" as FieldPath<AuthValues>;

export interface AuthState {
  method: Method;
  clientId: string;
  keySource: "generate" | "paste";
  privateKey: string;
  keyId: string;
  generated: PendingKeyView | null;
  clientSecret: string;
  token: string;
}

export const emptyAuth: AuthState = {
  method: "private_key_jwt",
  clientId: "",
  keySource: "generate",
  privateKey: "",
  keyId: "",
  generated: null,
  clientSecret: "",
  token: "",
};

/** The request body's `auth` for the chosen method (only that method's fields). */
export function toAuthInput(s: AuthState) {
  if (s.method === "api_token") return { method: s.method, token: s.token.trim() };
  if (s.method === "client_secret") return { method: s.method, clientId: s.clientId.trim(), clientSecret: s.clientSecret };
  if (s.keySource === "generate")
    return { method: s.method, clientId: s.clientId.trim(), ...(s.generated ? { generatedKeyId: s.generated.id } : {}) };
  return { method: s.method, clientId: s.clientId.trim(), privateKey: s.privateKey, ...(s.keyId.trim() ? { keyId: s.keyId.trim() } : {}) };
}

const METHODS: Array<{ id: Method; title: string; badge?: string; summary: string }> = [
  {
    id: "private_key_jwt",
    title: "OAuth 2.0 with a public/private key",
    badge: "Recommended",
    summary: "An API Services app in Okta. The method Okta requires for custom API Services apps; scoped, read-only, not tied to a person.",
  },
  {
    id: "client_secret",
    title: "OAuth 2.0 with a client secret",
    summary: "Only for apps that accept a secret: API service integrations installed from the Okta Integration Network.",
  },
  {
    id: "api_token",
    title: "API token (SSWS)",
    summary: "Legacy. Acts as the admin who created it, with all of that admin's permissions.",
  },
];

function Steps({ children }: { children: React.ReactNode }) {
  return <ol className="ml-4 list-decimal space-y-1 text-sm text-slate-700 marker:text-slate-400">{children}</ol>;
}

function SetupSteps({ method }: { method: Method }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3" data-testid="setup-steps">
      <p className="mb-2 text-sm font-semibold text-slate-900">In Okta</p>
      {method === "private_key_jwt" && (
        <Steps>
          <li>
            Admin Console › Applications › Applications › <b>Create App Integration</b> › <b>API Services</b>; name it, e.g. &quot;Okta Sync
            Console&quot;.
          </li>
          <li>
            General tab › Client Credentials › Edit › <b>Public key / Private key</b> › Add key: paste the public key (JWK) from below, or
            your own. Save.
          </li>
          <li>
            Okta may turn on <i>Require DPoP</i> for new apps; either way works, the console uses DPoP when Okta asks for it.
          </li>
          <li>
            Okta API Scopes tab: <b>Grant</b> each scope selected below.
          </li>
          <li>
            Admin roles tab: assign <b>Read-Only Administrator</b> (without an admin role Okta returns no data).
          </li>
          <li>
            Copy the <b>Client ID</b> from the General tab into the field below.
          </li>
        </Steps>
      )}
      {method === "client_secret" && (
        <Steps>
          <li>
            Admin Console › Applications › <b>API Service Integrations</b> › Add integration, and choose the integration from the Okta
            Integration Network.
          </li>
          <li>
            Grant the scopes selected below when Okta asks, then copy the <b>Client ID</b> and <b>Client secret</b> (the secret is shown
            only once).
          </li>
          <li>
            A custom API Services app you created yourself cannot use a secret for Okta API scopes; use the public/private key method for
            those.
          </li>
        </Steps>
      )}
      {method === "api_token" && (
        <Steps>
          <li>Sign in to the Admin Console as the admin the console should act as (Read-Only Administrator is enough).</li>
          <li>
            Security › API › Tokens › <b>Create token</b>; name it and copy the value (shown only once).
          </li>
        </Steps>
      )}
    </div>
  );
}

function GeneratedKey({ value, onChange }: { value: PendingKeyView | null; onChange: (k: PendingKeyView) => void }) {
  const gen = useMutation({
    mutationFn: () => api("/api/integrations/keys", { method: "POST", schema: pendingKeyView }),
    onSuccess: onChange,
  });
  if (!value) {
    return (
      <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm">
        <p className="text-slate-600">
          The console creates an RSA key pair. You paste the public key into Okta; the private key never leaves the server and is stored
          encrypted.
        </p>
        <Button className="mt-3" variant="secondary" onClick={() => gen.mutate()} loading={gen.isPending}>
          <KeyIcon size={15} /> Generate key pair
        </Button>
        {gen.error && (
          <p className="mt-2 text-xs text-red-600">{gen.error instanceof ApiError ? gen.error.message : "Could not generate a key"}</p>
        )}
      </div>
    );
  }
  const jwk = JSON.stringify(value.publicJwk, null, 2);
  return (
    <div className="rounded-md border border-slate-200 p-4 text-sm" data-testid="generated-key">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-slate-900">Public key to add in Okta</p>
        <CopyButton value={jwk} label="Copy JWK" />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Key ID (kid){" "}
        <code className="font-mono text-slate-700" data-testid="generated-kid">
          {value.kid}
        </code>{" "}
        · SHA-256 fingerprint <code className="font-mono text-slate-700">{value.fingerprint}</code>
      </p>
      <pre
        className="mt-2 max-h-48 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100 dark:bg-slate-50 dark:text-slate-800"
        data-testid="public-jwk"
      >
        {jwk}
      </pre>
    </div>
  );
}

export function AuthMethodFields() {
  const { control, register, setValue, clearErrors } = useFormContext<AuthValues>();
  const method = useWatch({ control, name: "auth.method" });
  const keySource = useWatch({ control, name: "auth.keySource" });
  const generated = useWatch({ control, name: "auth.generated" });
  const generatedKeyError = useFieldError(control, GENERATED_KEY_ID);
  const missingKeyError = useFieldError(control, "auth.privateKey");
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Authentication</legend>
        <div className="mt-2 grid grid-cols-1 gap-2 lg:grid-cols-3" role="radiogroup">
          {METHODS.map((m) => (
            <label
              key={m.id}
              className={cn(
                "flex cursor-pointer flex-col gap-1 rounded-md border bg-white p-3 text-sm",
                method === m.id ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <span className="flex items-center gap-2">
                <input type="radio" value={m.id} className="size-4 accent-brand-600" {...register("auth.method")} />
                <span className="font-medium text-slate-900">{m.title}</span>
              </span>
              {m.badge && (
                <Badge tone="brand" className="self-start">
                  {m.badge}
                </Badge>
              )}
              <span className="text-xs text-slate-600">{m.summary}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <SetupSteps method={method} />

      {method !== "api_token" && (
        <FormField control={control} name="auth.clientId" label="Client ID" hint="From the app's General tab, e.g. 0oa1b2c3d4EXAMPLE">
          <Input {...register("auth.clientId")} autoComplete="off" spellCheck={false} placeholder="0oa..." />
        </FormField>
      )}

      {method === "private_key_jwt" && (
        <div className="space-y-3">
          <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Where the private key comes from">
            {(["generate", "paste"] as const).map((src) => (
              <label key={src} className="flex items-center gap-2">
                <input type="radio" value={src} className="size-4 accent-brand-600" {...register("auth.keySource")} />
                {src === "generate" ? "Generate a key pair in the console" : "Use my own private key"}
              </label>
            ))}
          </div>
          {keySource === "generate" ? (
            <>
              <GeneratedKey
                value={generated}
                onChange={(key) => {
                  setValue("auth.generated", key);
                  clearErrors(["auth.privateKey", GENERATED_KEY_ID]);
                }}
              />
              {(generatedKeyError || missingKeyError) && (
                <p className="text-xs text-red-600">{generatedKeyError ?? "Generate a key pair first"}</p>
              )}
            </>
          ) : (
            <>
              <FormField
                control={control}
                name="auth.privateKey"
                label="Private key"
                hint="PEM (-----BEGIN PRIVATE KEY----- or RSA/EC PRIVATE KEY) or JWK. Stored encrypted; never shown again."
              >
                <Textarea
                  rows={6}
                  {...register("auth.privateKey")}
                  className="font-mono text-xs"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="-----BEGIN PRIVATE KEY-----"
                />
              </FormField>
              <FormField
                control={control}
                name="auth.keyId"
                label="Key ID (kid), optional"
                hint="Needed when the app has more than one public key: the KID shown next to the key in Okta."
              >
                <Input {...register("auth.keyId")} autoComplete="off" spellCheck={false} />
              </FormField>
            </>
          )}
        </div>
      )}

      {method === "client_secret" && (
        <FormField control={control} name="auth.clientSecret" label="Client secret" hint="Stored encrypted; never shown again.">
          <Input type="password" {...register("auth.clientSecret")} autoComplete="new-password" spellCheck={false} />
        </FormField>
      )}

      {method === "api_token" && (
        <>
          <Alert tone="warning" title="API tokens have drawbacks">
            <ul className="ml-4 list-disc">
              <li>
                The token acts as the admin who created it, with all of that admin&apos;s permissions, and stops working if that admin is
                deactivated.
              </li>
              <li>Okta expires a token after 30 days without use.</li>
              <li>It cannot be limited to read-only scopes. Prefer an OAuth service app.</li>
            </ul>
          </Alert>
          <FormField
            control={control}
            name="auth.token"
            label="API token"
            hint="Paste the token value only, without 'SSWS'. Stored encrypted; only its last four characters are shown later."
          >
            <Input type="password" {...register("auth.token")} autoComplete="new-password" spellCheck={false} />
          </FormField>
        </>
      )}
    </div>
  );
}
