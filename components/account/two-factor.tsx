"use client";
// Two-factor authentication for password sign-ins (TOTP): set up an authenticator app (QR code and
// secret shown once, confirmed with a code), keep the recovery codes (shown once), get new ones, turn
// it off. Settings → Your account, and the set-up page a workspace that requires it sends people to.
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
  buttonClass,
  CopyButton,
  Dialog,
  FormError,
  FormField,
  Input,
  ShieldIcon,
  Time,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { confirmTotpInput, disableTotpInput, recoveryCodes, totpEnrolment, totpStatus } from "@/lib/auth/contracts";

export const totpKey = ["me", "totp"] as const;

/** The QR code's modules drawn as one SVG path (no script, no image URL: fine under the page's CSP). */
function QrCode({ rows, label }: { rows: string[]; label: string }) {
  const size = rows.length;
  let d = "";
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === "1") d += `M${x} ${y}h1v1h-1z`;
  });
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      className="size-48 shrink-0 rounded-md border border-slate-200 bg-white"
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#0f172a" />
    </svg>
  );
}

/** The recovery codes, shown once, with a copy button and a download. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = codes.join("\n");
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Save your recovery codes now">
        Each opens one sign-in if you lose your authenticator. This is the only time they are shown.
      </Alert>
      <ul
        data-testid="recovery-codes"
        className="grid grid-cols-1 gap-1 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm text-slate-900 sm:grid-cols-2"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={text} label="Copy codes" />
        <a
          className={buttonClass("secondary", "sm")}
          download="okta-sync-console-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${text}\n`)}`}
        >
          Download
        </a>
      </div>
    </div>
  );
}

/** Set up an authenticator: start, scan or type the secret, confirm with a code, keep the recovery codes. */
export function TotpEnrolment({ onDone, doneLabel = "Done", intro }: { onDone: () => void; doneLabel?: string; intro?: React.ReactNode }) {
  const start = useMutation({ mutationFn: () => api("/api/me/totp/enrolment", { method: "POST", schema: totpEnrolment }) });
  const form = useForm<z.input<typeof confirmTotpInput>>({
    resolver: zodResolver(confirmTotpInput, undefined, { raw: true }),
    defaultValues: { code: "" },
  });
  const confirm = useMutation({
    // The status is refreshed only on Done (onDone): refreshing now would hide the codes before they are saved.
    mutationFn: (body: { code: string }) => api("/api/me/totp/enrolment/confirm", { method: "POST", body, schema: recoveryCodes }),
    onError: (e) => applyServerErrors(form, e),
  });
  if (confirm.data) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Two-factor authentication is on. Every sign-in with your password now asks for a code.</Alert>
        <RecoveryCodes codes={confirm.data.recoveryCodes} />
        <div className="flex justify-end">
          <Button onClick={onDone}>{doneLabel}</Button>
        </div>
      </div>
    );
  }
  if (!start.data) {
    return (
      <div className="space-y-3">
        {intro}
        {start.error && <Alert tone="danger">{start.error.message}</Alert>}
        <p className="text-sm text-slate-600">
          You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator, 1Password or Authy.
        </p>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          <ShieldIcon size={15} /> Set up two-factor authentication
        </Button>
      </div>
    );
  }
  const { secret, qr } = start.data;
  return (
    <div className="space-y-4">
      {intro}
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Scan the QR code with your authenticator app, or type the key below into it.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-col items-start gap-4">
        <QrCode rows={qr} label="QR code of your authenticator key" />
        <div className="w-full min-w-0 space-y-2">
          <p className="text-sm font-medium text-slate-700">Key</p>
          <code
            data-testid="totp-secret"
            className="block rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm break-words text-slate-900"
          >
            {secret.match(/.{1,4}/g)?.join(" ")}
          </code>
          <CopyButton value={secret} label="Copy key" />
          <p className="text-xs text-slate-500">Time-based, 6 digits, every 30 seconds. Shown only now.</p>
        </div>
      </div>
      <form className="space-y-3" noValidate onSubmit={form.handleSubmit((v) => confirm.mutate({ code: v.code }))}>
        <FormError control={form.control} />
        <FormField control={form.control} name="code" label="Code from the app">
          <Input
            {...form.register("code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            className="max-w-40 font-mono tracking-widest"
          />
        </FormField>
        <Button type="submit" loading={confirm.isPending}>
          Turn on
        </Button>
      </form>
    </div>
  );
}

const codeForm = z.object({ code: z.string() });

/** A dialog that asks for a current code (or a recovery code) before a change to two-factor. */
function CodeDialog({
  open,
  onClose,
  title,
  description,
  action,
  path,
  danger,
  onSuccess,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  action: string;
  path: string;
  danger?: boolean;
  onSuccess: (data: unknown) => void;
}) {
  const form = useForm<z.input<typeof codeForm>>({
    resolver: zodResolver(disableTotpInput, undefined, { raw: true }),
    defaultValues: { code: "" },
  });
  const run = useMutation({
    mutationFn: (body: { code: string }) => api(path, { method: "POST", body }),
    onSuccess: (data) => {
      form.reset();
      onSuccess(data);
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const close = () => {
    form.reset();
    run.reset();
    onClose();
  };
  const id = `code-${path.replace(/\W/g, "-")}`;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={id} variant={danger ? "danger" : "primary"} loading={run.isPending}>
            {action}
          </Button>
        </>
      }
    >
      <form id={id} noValidate onSubmit={form.handleSubmit((v) => run.mutate({ code: v.code }))}>
        <FormError control={form.control} className="mb-3" />
        <FormField control={form.control} name="code" label="Code from your authenticator app, or a recovery code">
          <Input {...form.register("code")} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} className="font-mono" />
        </FormField>
      </form>
    </Dialog>
  );
}

/** Settings → Your account: the state of your two-factor authentication and what you can do with it. */
export function TwoFactorSettings() {
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: totpKey, queryFn: () => api("/api/me/totp", { schema: totpStatus }) });
  const [dialog, setDialog] = useState<"off" | "codes" | null>(null);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  if (error) return <Alert tone="danger">{error.message}</Alert>;
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!data.passwordSignIn) {
    return <p className="text-sm text-slate-600">You sign in with Okta, so Okta&apos;s own sign-in policy and MFA protect your account.</p>;
  }
  if (!data.enabled) {
    return (
      <TotpEnrolment
        onDone={() => qc.invalidateQueries({ queryKey: totpKey })}
        intro={
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <Badge tone={data.required ? "warning" : "neutral"}>Off</Badge>
            {data.required
              ? "Your workspace requires it for password sign-ins."
              : "A code from your phone after your password keeps a stolen password useless."}
          </p>
        }
      />
    );
  }
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone="success">On</Badge>
        since {data.enabledAt ? <Time value={data.enabledAt} /> : "—"} · {data.recoveryCodesLeft} recovery{" "}
        {data.recoveryCodesLeft === 1 ? "code" : "codes"} left
      </p>
      {newCodes && <RecoveryCodes codes={newCodes} />}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => setDialog("codes")}>
          New recovery codes
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setDialog("off")}>
          Turn off
        </Button>
      </div>
      <CodeDialog
        open={dialog === "codes"}
        onClose={() => setDialog(null)}
        title="Get new recovery codes?"
        description="Your current recovery codes stop working."
        action="Get new codes"
        path="/api/me/totp/recovery-codes"
        onSuccess={(d) => {
          setNewCodes(recoveryCodes.parse(d).recoveryCodes);
          setDialog(null);
          qc.invalidateQueries({ queryKey: totpKey });
        }}
      />
      <CodeDialog
        open={dialog === "off"}
        onClose={() => setDialog(null)}
        title="Turn off two-factor authentication?"
        description={
          data.required
            ? "Your workspace requires it: you will be asked to set up an authenticator again right away."
            : "Your password alone will sign you in again."
        }
        action="Turn off"
        danger
        path="/api/me/totp/disable"
        onSuccess={() => {
          setNewCodes(null);
          setDialog(null);
          qc.invalidateQueries({ queryKey: totpKey });
          if (data.required) window.location.assign("/set-up-two-factor");
        }}
      />
    </div>
  );
}
