"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PasswordForm } from "@/components/account/password-form";
import { SessionList, sessionsKey } from "@/components/account/session-list";
import { TwoFactorSettings } from "@/components/account/two-factor";
import { Alert, Button, Card, CardBody, CardHeader, Dialog, LogOutIcon } from "@/components/ui";
import { api } from "@/lib/api/client";
import { links } from "@/lib/links";

function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const endAll = useMutation({
    mutationFn: () => api("/api/sessions", { method: "DELETE" }),
    // This session ended too: a full navigation lands on the sign-in page.
    onSuccess: () => window.location.assign(`${links.login()}?signedOut=1`),
  });
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <LogOutIcon size={15} /> Sign out everywhere
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Sign out everywhere?"
        description="Every session of yours ends, this one included: each browser has to sign in again. Your API keys keep working."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={endAll.isPending} onClick={() => endAll.mutate()}>
              Sign out everywhere
            </Button>
          </>
        }
      >
        {endAll.error && <Alert tone="danger">{endAll.error.message}</Alert>}
      </Dialog>
    </>
  );
}

export function AccountClient({ hasPassword }: { hasPassword: boolean }) {
  const qc = useQueryClient();
  return (
    <div className="space-y-6">
      {hasPassword ? (
        <Card className="max-w-xl">
          <CardHeader title="Password" description="Changing it signs out your other sessions." />
          <CardBody>
            <PasswordForm onChanged={() => qc.invalidateQueries({ queryKey: sessionsKey() })} />
          </CardBody>
        </Card>
      ) : (
        <Card className="max-w-xl">
          <CardHeader title="Password" description="You sign in with Okta and have no console password." />
          <CardBody>
            <p className="text-sm text-slate-600">
              Your Okta account opens the console. If you ever need a password here (for when Okta is unreachable), ask an admin to set one
              in Settings → People.
            </p>
          </CardBody>
        </Card>
      )}
      <Card className="max-w-xl">
        <CardHeader title="Two-factor authentication" description="A code from an authenticator app after your password." />
        <CardBody>
          <TwoFactorSettings />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Your sessions"
          description="Where you are signed in. A session ends after 12 hours without use, and 7 days after sign-in at the latest."
          actions={<SignOutEverywhere />}
        />
        <SessionList label="Your sessions" />
      </Card>
    </div>
  );
}
