"use client";
// Full and incremental sync schedules, sign-in history window, rate-limit share, name and owner. Admins
// edit them (checked with the API's own zod schema before sending); viewers and disconnected
// integrations see the values read-only.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
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
  Time,
} from "@/components/ui";
import { api } from "@/lib/api/client";
import { formatInterval, formatShare } from "@/lib/format";
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
import { integrationKeys, useSettings } from "./queries";

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
          <div key={label} className="grid grid-cols-1 gap-1 py-3 text-sm sm:grid-cols-3 sm:gap-4">
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
              Next full sync <Time value={s.nextSyncAt} format="relative" /> (<Time value={s.nextSyncAt} />)
              {s.nextIncrementalSyncAt && (
                <>
                  ; next incremental sync <Time value={s.nextIncrementalSyncAt} format="relative" />
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
        <ReadOnly s={s} why="Only admins can change these settings." />
      ) : s.state !== "connected" ? (
        <ReadOnly s={s} why="This integration is disconnected, so its settings can no longer change." />
      ) : (
        <Editor s={s} />
      )}
    </Card>
  );
}

/** The form's values: the selects and the number field hold text, the share a percent. */
interface SettingsValues {
  name: string;
  ownerId: string;
  fullSyncIntervalMinutes: string;
  incrementalSyncIntervalMinutes: string;
  logWindowDays: string;
  rateLimitShare: number;
}

/** The PATCH body: only what differs from the saved settings. */
function changesOf(s: Settings, v: SettingsValues): SettingsInput {
  return {
    ...(v.name.trim() !== s.name ? { name: v.name } : {}),
    ...(v.ownerId !== (s.owner?.id ?? "") ? { ownerId: v.ownerId || null } : {}),
    ...(Number(v.fullSyncIntervalMinutes) !== s.fullSyncIntervalMinutes
      ? { fullSyncIntervalMinutes: Number(v.fullSyncIntervalMinutes) }
      : {}),
    ...(Number(v.incrementalSyncIntervalMinutes) !== s.incrementalSyncIntervalMinutes
      ? { incrementalSyncIntervalMinutes: Number(v.incrementalSyncIntervalMinutes) }
      : {}),
    ...(v.logWindowDays !== String(s.logWindowDays)
      ? { logWindowDays: v.logWindowDays === "" ? Number.NaN : Number(v.logWindowDays) }
      : {}),
    ...(v.rateLimitShare / 100 !== s.rateLimitShare ? { rateLimitShare: v.rateLimitShare / 100 } : {}),
  };
}

function Editor({ s }: { s: Settings }) {
  const qc = useQueryClient();
  const form = useForm<SettingsValues>({
    // The API's own schema judges the changes, before anything is sent.
    resolver: bodyResolver((v) => ({ schema: settingsInput, body: changesOf(s, v) })),
    defaultValues: {
      name: s.name,
      ownerId: s.owner?.id ?? "",
      fullSyncIntervalMinutes: String(s.fullSyncIntervalMinutes),
      incrementalSyncIntervalMinutes: String(s.incrementalSyncIntervalMinutes),
      logWindowDays: String(s.logWindowDays),
      rateLimitShare: Math.round(s.rateLimitShare * 100),
    },
  });
  const values = useWatch({ control: form.control }) as SettingsValues;
  const share = values.rateLimitShare;
  const dirty = Object.keys(changesOf(s, values)).length > 0;
  const [saved, setSaved] = useState<string[] | null>(null);

  const save = useMutation({
    mutationFn: (body: SettingsInput) =>
      api(`/api/integrations/${s.integrationId}/settings`, { method: "PATCH", body, schema: settingsUpdateResult }),
    onSuccess: (result) => {
      const { changed, ...settings } = result;
      setSaved(changed);
      qc.setQueryData(integrationKeys.settings(s.integrationId), settings);
      void qc.invalidateQueries({ queryKey: integrationKeys.overview(s.integrationId) });
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const submit = form.handleSubmit((v) => save.mutate(settingsInput.parse(changesOf(s, v))));

  const choices = [...new Set<number>([...SCHEDULE_CHOICES, s.fullSyncIntervalMinutes])].sort((a, b) => a - b);
  const incrementalChoices = [...new Set<number>([0, ...INCREMENTAL_CHOICES, s.incrementalSyncIntervalMinutes])].sort((a, b) => a - b);
  const { control, register } = form;
  return (
    <form
      onSubmit={(e) => {
        setSaved(null);
        return submit(e);
      }}
      noValidate
    >
      <CardBody className="space-y-5">
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <FormField control={control} name="name" label="Name">
            <Input {...register("name")} maxLength={80} />
          </FormField>
          <FormField control={control} name="ownerId" label="Owner" hint="Who to ask about this integration.">
            <Select {...register("ownerId")}>
              <option value="">No owner</option>
              {s.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.email})
                </option>
              ))}
            </Select>
          </FormField>
        </div>
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <FormField control={control} name="fullSyncIntervalMinutes" label="Full sync" hint={HINT.schedule}>
            <Select {...register("fullSyncIntervalMinutes")}>
              {choices.map((m) => (
                <option key={m} value={m}>
                  Every {formatInterval(m)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField control={control} name="incrementalSyncIntervalMinutes" label="Incremental sync" hint={HINT.incremental}>
            <Select {...register("incrementalSyncIntervalMinutes")}>
              {incrementalChoices.map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? "Off (full syncs only)" : `Every ${formatInterval(m)}`}
                </option>
              ))}
            </Select>
          </FormField>
        </div>
        <FormField control={control} name="logWindowDays" label="Sign-in history (days)" hint={HINT.window}>
          <Input
            type="number"
            inputMode="numeric"
            min={LOG_WINDOW.min}
            max={LOG_WINDOW.max}
            step={1}
            {...register("logWindowDays")}
            className="sm:w-32"
          />
        </FormField>
        <FormField control={control} name="rateLimitShare" label={`Rate-limit share: ${share}%`} hint={HINT.share}>
          <input
            type="range"
            min={RATE_SHARE.min * 100}
            max={RATE_SHARE.max * 100}
            step={5}
            {...register("rateLimitShare", { valueAsNumber: true })}
            className="w-full accent-brand-600 sm:w-96"
            aria-valuetext={`${share}%`}
          />
        </FormField>
        <FormError control={control} />
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
