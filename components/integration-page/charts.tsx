"use client";
// Two hand-drawn SVG charts (no chart library): sign-ins per day, successful stacked under failed,
// over the sign-in window; and how long each recent run took, coloured by its result. Each has a
// title and description for screen readers, a tooltip per bar and the numbers as a hidden table.
import { useRouter } from "next/navigation";
import { useId } from "react";
import { ActivityIcon, Card, CardHeader, EmptyState, RefreshIcon } from "@/components/ui";
import { formatCount, formatDate, formatDuration } from "@/lib/format";
import { links } from "@/lib/links";
import type { Overview } from "@/lib/overview/contracts";
import { RUN_STATUS } from "./labels";

const W = 560;
const H = 180;
const PAD = { l: 44, r: 6, t: 10, b: 22 };
const plotW = W - PAD.l - PAD.r;
const plotH = H - PAD.t - PAD.b;

// The server buckets sign-ins by UTC day, so the axis names UTC days whatever the viewer's zone.
const day = (iso: string) => formatDate(iso, { style: "day", timeZone: "UTC" });

/** A chart's numbers as a visually hidden table: the accessible alternative to the SVG beside it. */
function ChartDataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, j) => (
              <td key={head[j]}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A round axis maximum: 1, 2, 5 x 10^n at or above the largest value. */
export function niceMax(v: number) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}

function Axis({ max, format }: { max: number; format: (v: number) => string }) {
  return (
    <g>
      {[0, 0.5, 1].map((f) => {
        const y = PAD.t + plotH - f * plotH;
        return (
          <g key={f}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y} y2={y} className="stroke-slate-200" strokeDasharray={f === 0 ? undefined : "3 3"} />
            <text x={PAD.l - 6} y={y + 3.5} textAnchor="end" className="fill-slate-500 text-[10px]">
              {format(max * f)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function XLabels({ labels }: { labels: { x: number; text: string }[] }) {
  return (
    <g>
      {labels.map((l, i) => (
        <text
          key={l.x}
          x={l.x}
          y={H - 6}
          textAnchor={i === 0 ? "start" : i === labels.length - 1 ? "end" : "middle"}
          className="fill-slate-500 text-[10px]"
        >
          {l.text}
        </text>
      ))}
    </g>
  );
}

function Legend({ items }: { items: { label: string; className: string }[] }) {
  return (
    <div className="flex flex-wrap gap-4 text-xs text-slate-600" aria-hidden="true">
      {items.map((i) => (
        <span key={i.label} className="inline-flex items-center gap-1.5">
          <span className={`size-2.5 rounded-sm ${i.className}`} />
          {i.label}
        </span>
      ))}
    </div>
  );
}

export function SignInChart({ overview }: { overview: Overview }) {
  const ids = useId();
  const { points, days } = overview.signIns;
  const totals = points.map((p) => p.success + p.failure);
  const success = points.reduce((a, p) => a + p.success, 0);
  const failure = points.reduce((a, p) => a + p.failure, 0);
  const max = niceMax(Math.max(0, ...totals));
  const step = plotW / Math.max(1, points.length);
  const bw = Math.max(1, step * (points.length > 45 ? 0.85 : 0.7));
  const y = (v: number) => (v / max) * plotH;
  const every = Math.ceil(points.length / 6);
  const busiest = points.reduce((a, p) => (p.success + p.failure > a.success + a.failure ? p : a), points[0]);
  return (
    <Card>
      <CardHeader
        title="Sign-ins per day"
        description={`Last ${days} days, from the System Log (UTC days).`}
        actions={
          <Legend
            items={[
              { label: "Successful", className: "bg-brand-600" },
              { label: "Failed", className: "bg-red-500" },
            ]}
          />
        }
      />
      {success + failure === 0 ? (
        <EmptyState
          icon={<ActivityIcon size={20} />}
          title="No sign-ins in this window"
          description="Sign-ins come from the Okta System Log. If people signed in during this time, check that okta.logs.read is granted and that the last sync read the log (Health by resource, above)."
        />
      ) : (
        <figure className="px-4 pt-3 pb-2">
          {/* The <title> is one string: React renders a <title> of several children empty on the server (a hydration mismatch). */}
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${ids}t ${ids}d`}>
            <title id={`${ids}t`}>{`Sign-ins per day, last ${days} days`}</title>
            <desc id={`${ids}d`}>
              {formatCount(success)} successful and {formatCount(failure)} failed sign-ins from {day(points[0].day)} to{" "}
              {day(points[points.length - 1].day)}; the busiest day was {day(busiest.day)} with{" "}
              {formatCount(busiest.success + busiest.failure)}.
            </desc>
            <Axis max={max} format={(v) => formatCount(Math.round(v))} />
            {points.map((p, i) => {
              const x = PAD.l + i * step + (step - bw) / 2;
              const hs = y(p.success);
              const hf = y(p.failure);
              const base = PAD.t + plotH;
              return (
                <g key={p.day} data-day={p.day}>
                  <title>{`${day(p.day)}: ${formatCount(p.success)} successful, ${formatCount(p.failure)} failed`}</title>
                  <rect x={x} y={base - hs} width={bw} height={hs} className="fill-brand-600" />
                  <rect x={x} y={base - hs - hf} width={bw} height={hf} className="fill-red-500" />
                  {/* Hit area covering the whole column, so empty days show their tooltip too. */}
                  <rect x={PAD.l + i * step} y={PAD.t} width={step} height={plotH} fill="transparent" />
                </g>
              );
            })}
            <XLabels
              labels={points
                .flatMap((p, i) =>
                  i % every === 0 || i === points.length - 1 ? [{ x: PAD.l + i * step + step / 2, text: day(p.day) }] : [],
                )
                .filter((l, i, a) => i === a.length - 1 || a[a.length - 1].x - l.x > 40)}
            />
          </svg>
          <ChartDataTable
            caption="Sign-ins per day"
            head={["Day", "Successful", "Failed"]}
            rows={points.map((p) => [p.day, p.success, p.failure])}
          />
        </figure>
      )}
    </Card>
  );
}

const RUN_FILL: Record<string, string> = {
  succeeded: "fill-emerald-500",
  partial: "fill-amber-500",
  failed: "fill-red-500",
  cancelled: "fill-slate-400",
  running: "fill-sky-500",
  queued: "fill-sky-500",
};

export function DurationChart({ overview }: { overview: Overview }) {
  const router = useRouter();
  const ids = useId();
  const runs = overview.durations;
  const max = niceMax(Math.max(0, ...runs.map((r) => r.durationMs)));
  const slots = Math.max(runs.length, 10);
  const step = plotW / slots;
  const bw = Math.min(28, step * 0.7);
  const y = (v: number) => Math.max(1, (v / max) * plotH);
  const longest = runs.reduce((a, r) => (r.durationMs > (a?.durationMs ?? -1) ? r : a), runs[0]);
  return (
    <Card>
      <CardHeader
        title="Sync duration per run"
        description={
          runs.length
            ? `The last ${runs.length} finished ${runs.length === 1 ? "run" : "runs"}, oldest first. Click a bar for the run.`
            : "How long each run took."
        }
        actions={
          <Legend
            items={[
              { label: "Succeeded", className: "bg-emerald-500" },
              { label: "Partial", className: "bg-amber-500" },
              { label: "Failed", className: "bg-red-500" },
            ]}
          />
        }
      />
      {runs.length === 0 ? (
        <EmptyState
          icon={<RefreshIcon size={20} />}
          title="No finished runs yet"
          description="Each finished sync adds a bar here. The first sync starts when the integration is connected; an admin can start one with Sync now."
        />
      ) : (
        <figure className="px-4 pt-3 pb-2">
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${ids}t ${ids}d`}>
            <title id={`${ids}t`}>Sync duration per run</title>
            <desc id={`${ids}d`}>
              {runs.length} runs from {day(runs[0].startedAt)} to {day(runs[runs.length - 1].startedAt)}; the longest took{" "}
              {formatDuration(longest.durationMs)}, the latest {formatDuration(runs[runs.length - 1].durationMs)}.
            </desc>
            <Axis max={max} format={(v) => (v === 0 ? "0" : formatDuration(v))} />
            {runs.map((r, i) => {
              const x = PAD.l + i * step + (step - bw) / 2;
              const h = y(r.durationMs);
              return (
                // A bar opens its run on click. Not a link: links inside role="img" would be controls
                // nested in an image; keyboard users open runs from the run history on this page.
                // biome-ignore lint/a11y/noStaticElementInteractions: same mouse shortcut, inside the chart image
                <g key={r.runId} className="cursor-pointer" onClick={() => router.push(links.run(overview.integrationId, r.runId))}>
                  <title>{`${formatDate(r.startedAt, { timeZone: "UTC" })} UTC · ${RUN_STATUS[r.status].label} · ${formatDuration(r.durationMs)}`}</title>
                  <rect x={PAD.l + i * step} y={PAD.t} width={step} height={plotH} fill="transparent" />
                  <rect
                    x={x}
                    y={PAD.t + plotH - h}
                    width={bw}
                    height={h}
                    rx={2}
                    className={`${RUN_FILL[r.status] ?? "fill-slate-400"} hover:opacity-80`}
                  />
                </g>
              );
            })}
            <XLabels
              labels={[
                { x: PAD.l, text: day(runs[0].startedAt) },
                ...(runs.length > 1
                  ? [{ x: PAD.l + (runs.length - 1) * step + step / 2 + bw / 2, text: day(runs[runs.length - 1].startedAt) }]
                  : []),
              ]}
            />
          </svg>
          <ChartDataTable
            caption="Sync duration per run"
            head={["Started", "Result", "Duration"]}
            rows={runs.map((r) => [r.startedAt, RUN_STATUS[r.status].label, formatDuration(r.durationMs)])}
          />
        </figure>
      )}
    </Card>
  );
}
