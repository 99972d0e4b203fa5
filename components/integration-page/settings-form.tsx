"use client";
// Full and incremental sync schedules, sign-in history window, rate-limit share, name and owner. Admins edit them (checked
// with the same zod schema as the API, before sending); viewers and disconnected integrations see
// the values read-only.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Select, Time } from "@/components/ui";
import { ApiError, api } from "@/lib/api/client";
import {
  INCREMENTAL_CHOICES,
  LOG_WINDOW,
  RATE_SHARE,
  SCHEDULE_CHOICES,
  type Settings,
  type SettingsInput,
  settingsInput,
  settingsUpdateResult,
} from "@/lib/overview/contracts";
import { formatInterval, formatShare } from "@/lib/overview/format";
import { integrationKeys, useSettings } from "./queries";
import { Relative } from "./time";

const HINT = {
  schedule:
    "How often a full sync runs: it reads everything and deletes what Okta no longer has (the reconciliation). A change applies at once: the next full sync moves to the last start plus the new interval.",
  incremental:
    "How often an incremental sync runs between full ones: it asks Okta only for what changed (users and groups by last update, the System Log's lifecycle, membership and assignment events), a small fraction of a full sync's requests. Off = full syncs only.",
  window: `How many days of sign-in history to keep reading from the System Log (${LOG_WINDOW.min}–${LOG_WINDOW.max}; Okta keeps 90). A wider window reads the older events on the next sync.`,
  share:
    "The share of each Okta rate limit this integration may use. The rest is left for your other Okta clients; a lower share makes syncs slower, never failed.",
};

function ReadOnly({ s, why }: { s: Settings; why: string }) {
  const rows: [string, React.ReactNode, string][] = [
    ["Name", s.name, ""],
    ["Owner", s.owner ? `${s.owner.name} (${s.owner.email})` : "—", ""],
    ["Full sync", `Every ${formatInterval(s.fullSyncIntervalMinutes)}`, HINT.schedule],
    [
      "Incremental sync",
      s.incrementalSyncIntervalMinutes ? `Every ${formatInterval(s.incrementalSyncIntervalMinutes)}` : "Off",
      HINT.incremental,
    ],
    ["Sign-in history", `${s.logWindowDays} days`, HINT.window],
    ["Rate-limit share", formatShare(s.rateLimitShare), HINT.share],
  ];
  return (
    <>
      <div className="px-5 pt-4">
        <Alert tone="info">{why}</Alert>
      </div>
      <dl className="divide-y divide-slate-100 px-5 py-2" data-testid="settings-readonly">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="grid gap-1 py-3 text-sm sm:grid-cols-3 sm:gap-4">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="sm:col-span-2">
              <span className="text-slate-900">{value}</span>
              {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function SettingsForm({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const { data: s, error } = useSettings(id);
  if (!s) return <Alert tone="danger">{error?.message ?? "The settings could not be loaded."}</Alert>;
  return (
    <Card className="max-w-3xl">
      <CardHeader
        title="Sync settings"
        description={
          s.state === "connected" && s.nextSyncAt ? (
            <>
              Next full sync <Relative value={s.nextSyncAt} /> (<Time value={s.nextSyncAt} />)
              {s.nextIncrementalSyncAt && (
                <>
                  ; next incremental sync <Relative value={s.nextIncrementalSyncAt} />
                </>
              )}
              .
            </>
          ) : (
            "Not scheduled."
          )
        }
      />
      {!isAdmin ? (
        <ReadOnly s={s} why="Only admins can change these settings; your role is viewer." />
      ) : s.state !== "connected" ? (
        <ReadOnly s={s} why="This integration is disconnected, so its settings can no longer change." />
      ) : (
        <Editor s={s} />
      )}
    </Card>
  );
}

function Editor({ s }: { s: Settings }) {
  const qc = useQueryClient();
  const [name, setName] = useState(s.name);
  const [ownerId, setOwnerId] = useState(s.owner?.id ?? "");
  const [interval, setInterval] = useState(String(s.fullSyncIntervalMinutes));
  const [incremental, setIncremental] = useState(String(s.incrementalSyncIntervalMinutes));
  const [windowDays, setWindowDays] = useState(String(s.logWindowDays));
  const [share, setShare] = useState(Math.round(s.rateLimitShare * 100));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string[] | null>(null);

  const changes: SettingsInput = {
    ...(name.trim() !== s.name ? { name } : {}),
    ...(ownerId !== (s.owner?.id ?? "") ? { ownerId: ownerId || null } : {}),
    ...(Number(interval) !== s.fullSyncIntervalMinutes ? { fullSyncIntervalMinutes: Number(interval) } : {}),
    ...(Number(incremental) !== s.incrementalSyncIntervalMinutes ? { incrementalSyncIntervalMinutes: Number(incremental) } : {}),
    ...(windowDays !== String(s.logWindowDays) ? { logWindowDays: windowDays === "" ? Number.NaN : Number(windowDays) } : {}),
    ...(share / 100 !== s.rateLimitShare ? { rateLimitShare: share / 100 } : {}),
  };
  const dirty = Object.keys(changes).length > 0;

  const save = useMutation({
    mutationFn: (body: SettingsInput) =>
      api(`/api/integrations/${s.integrationId}/settings`, { method: "PATCH", body, schema: settingsUpdateResult }),
    onSuccess: (result) => {
      const { changed, ...settings } = result;
      setSaved(changed);
      qc.setQueryData(integrationKeys.settings(s.integrationId), settings);
      void qc.invalidateQueries({ queryKey: integrationKeys.overview(s.integrationId) });
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err = (f: string) => clientErrors[f] ?? serverErrors[f];

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(null);
    const parsed = settingsInput.safeParse(changes);
    if (!parsed.success) {
      setClientErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  const choices = [...new Set<number>([...SCHEDULE_CHOICES, s.fullSyncIntervalMinutes])].sort((a, b) => a - b);
  const incrementalChoices = [...new Set<number>([0, ...INCREMENTAL_CHOICES, s.incrementalSyncIntervalMinutes])].sort((a, b) => a - b);
  return (
    <form onSubmit={submit} noValidate>
      <CardBody className="space-y-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Name" error={err("name")}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
          </Field>
          <Field label="Owner" hint="Who to ask about this integration." error={err("ownerId")}>
            <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">No owner</option>
              {s.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.email})
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Full sync" hint={HINT.schedule} error={err("fullSyncIntervalMinutes")}>
            <Select value={interval} onChange={(e) => setInterval(e.target.value)}>
              {choices.map((m) => (
                <option key={m} value={m}>
                  Every {formatInterval(m)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Incremental sync" hint={HINT.incremental} error={err("incrementalSyncIntervalMinutes")}>
            <Select value={incremental} onChange={(e) => setIncremental(e.target.value)}>
              {incrementalChoices.map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? "Off (full syncs only)" : `Every ${formatInterval(m)}`}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label="Sign-in history (days)" hint={HINT.window} error={err("logWindowDays")}>
          <Input
            type="number"
            inputMode="numeric"
            min={LOG_WINDOW.min}
            max={LOG_WINDOW.max}
            step={1}
            value={windowDays}
            onChange={(e) => setWindowDays(e.target.value)}
            className="sm:w-32"
          />
        </Field>
        <Field label={`Rate-limit share: ${share}%`} hint={HINT.share} error={err("rateLimitShare")}>
          <input
            type="range"
            min={RATE_SHARE.min * 100}
            max={RATE_SHARE.max * 100}
            step={5}
            value={share}
            onChange={(e) => setShare(Number(e.target.value))}
            className="w-full accent-brand-600 sm:w-96"
            aria-valuetext={`${share}%`}
          />
        </Field>
        {save.error && !Object.keys(serverErrors).length && <Alert tone="danger">{save.error.message}</Alert>}
        {clientErrors.form && <Alert tone="danger">{clientErrors.form}</Alert>}
        {saved && (
          <Alert tone="success" title="Settings saved">
            {saved.length ? "The new values apply from now on; the event log records the change." : "Nothing had changed."}
          </Alert>
        )}
      </CardBody>
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <span className="mr-auto text-xs text-slate-500">{dirty ? "Unsaved changes" : "No changes"}</span>
        <Button type="submit" loading={save.isPending} disabled={!dirty}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
