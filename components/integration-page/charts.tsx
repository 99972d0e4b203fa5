"use client";
// The integration page's two charts, drawn by Recharts: sign-ins per day (successful stacked under
// failed) over the sign-in window, and how long each recent run took, coloured by its result. Each
// chart is an image to assistive technology, named by a one-sentence summary, with its numbers as a
// visually hidden table beside it. Colours are the
// theme's CSS variables, so the charts follow light and dark mode (app/globals.css). Recharts draws
// on the client after measuring its box, so the server's HTML and the first client render agree.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { ActivityIcon, Card, CardHeader, EmptyState, RefreshIcon } from "@/components/ui";
import { formatCount, formatDate, formatDuration } from "@/lib/format";
import { links } from "@/lib/links";
import type { Overview } from "@/lib/overview/contracts";
import { countTicks, durationTicks } from "./chart-scale";
import { RUN_STATUS } from "./labels";

// The server buckets sign-ins by UTC day, so the axis names UTC days whatever the viewer's zone.
const day = (iso: string) => formatDate(iso, { style: "day", timeZone: "UTC" });

const CHART_HEIGHT = 200;
const AXIS_TICK = { fill: "var(--color-slate-500)", fontSize: 11 };
const GRID_STROKE = "var(--color-slate-200)";

/**
 * A chart's numbers as a visually hidden table: the accessible alternative to the picture beside it.
 * Hidden by a wrapper: a table keeps its content's width whatever width it is given, so a table hidden
 * on its own still widens the page on a phone.
 */
function ChartDataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div className="sr-only">
      <table>
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
    </div>
  );
}

function Legend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
      {items.map((i) => (
        <span key={i.label} className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: i.color }} />
          {i.label}
        </span>
      ))}
    </div>
  );
}

/** The hover box of a bar, in the page's own colours. */
function TooltipBox({ title, lines }: { title: string; lines: { label: string; value: string; color?: string }[] }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700 shadow-md">
      <p className="font-medium text-slate-900">{title}</p>
      {lines.map((l) => (
        <p key={l.label} className="mt-0.5 flex items-center gap-1.5">
          {l.color && <span className="size-2 rounded-sm" style={{ background: l.color }} />}
          {l.label}: <span className="font-medium text-slate-900 tabular-nums">{l.value}</span>
        </p>
      ))}
    </div>
  );
}

const SUCCESS_COLOR = "var(--color-brand-600)";
const FAILURE_COLOR = "var(--color-red-500)";

type SignInPoint = Overview["signIns"]["points"][number];

export function SignInChart({ overview }: { overview: Overview }) {
  const { points, days } = overview.signIns;
  const success = points.reduce((a, p) => a + p.success, 0);
  const failure = points.reduce((a, p) => a + p.failure, 0);
  const ticks = countTicks(Math.max(0, ...points.map((p) => p.success + p.failure)));
  const busiest = points.reduce((a, p) => (p.success + p.failure > a.success + a.failure ? p : a), points[0]);
  return (
    <Card>
      <CardHeader title="Sign-ins per day" description={`Last ${days} days, from the System Log (UTC days).`} />
      {success + failure === 0 ? (
        <EmptyState
          icon={<ActivityIcon size={20} />}
          title="No sign-ins in this window"
          description="Sign-ins come from the Okta System Log. If people signed in during this time, check that okta.logs.read is granted and that the last sync read the log (Health by resource, above)."
        />
      ) : (
        <figure className="relative px-3 pt-4 pb-3 sm:px-4" data-testid="sign-in-chart">
          <div
            role="img"
            aria-label={`Sign-ins per day, last ${days} days: ${formatCount(success)} successful and ${formatCount(failure)} failed from ${day(points[0].day)} to ${day(points[points.length - 1].day)}; the busiest day was ${day(busiest.day)} with ${formatCount(busiest.success + busiest.failure)}.`}
          >
            <BarChart
              responsive
              style={{ width: "100%", height: CHART_HEIGHT }}
              data={points}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              barCategoryGap={points.length > 45 ? "10%" : "25%"}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} stroke={GRID_STROKE} strokeDasharray="3 3" />
              <XAxis
                dataKey="day"
                tickFormatter={day}
                tick={AXIS_TICK}
                tickLine={false}
                axisLine={{ stroke: GRID_STROKE }}
                interval="preserveStartEnd"
                minTickGap={16}
              />
              <YAxis
                width="auto"
                ticks={ticks}
                domain={[0, ticks[ticks.length - 1]]}
                tickFormatter={(v: number) => formatCount(v)}
                tick={AXIS_TICK}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip
                cursor={{ fill: "var(--color-slate-100)" }}
                isAnimationActive={false}
                content={({ active, payload }) => {
                  const p = active ? (payload?.[0]?.payload as SignInPoint | undefined) : undefined;
                  if (!p) return null;
                  return (
                    <TooltipBox
                      title={`${day(p.day)} (UTC)`}
                      lines={[
                        { label: "Successful", value: formatCount(p.success), color: SUCCESS_COLOR },
                        { label: "Failed", value: formatCount(p.failure), color: FAILURE_COLOR },
                      ]}
                    />
                  );
                }}
              />
              <Bar dataKey="success" stackId="signIns" fill={SUCCESS_COLOR} isAnimationActive={false} />
              <Bar dataKey="failure" stackId="signIns" fill={FAILURE_COLOR} isAnimationActive={false} />
            </BarChart>
          </div>
          <div className="mt-2 px-1">
            <Legend
              items={[
                { label: "Successful", color: SUCCESS_COLOR },
                { label: "Failed", color: FAILURE_COLOR },
              ]}
            />
          </div>
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

const RUN_COLOR: Record<string, string> = {
  succeeded: "var(--color-emerald-500)",
  partial: "var(--color-amber-500)",
  failed: "var(--color-red-500)",
  cancelled: "var(--color-slate-400)",
  running: "var(--color-sky-500)",
  queued: "var(--color-sky-500)",
};

type DurationPoint = Overview["durations"][number];
const durationTick = (ms: number) => (ms === 0 ? "0" : formatDuration(ms));

export function DurationChart({ overview }: { overview: Overview }) {
  const router = useRouter();
  const runs = overview.durations;
  const ticks = durationTicks(Math.max(0, ...runs.map((r) => r.durationMs)));
  const longest = runs.reduce((a, r) => (r.durationMs > (a?.durationMs ?? -1) ? r : a), runs[0]);
  const latest = runs[runs.length - 1];
  return (
    <Card>
      <CardHeader
        title="Sync duration per run"
        description={
          runs.length
            ? `The last ${runs.length === 1 ? "finished run" : `${runs.length} finished runs`}, oldest first. Click a bar for the run.`
            : "How long each run took."
        }
      />
      {runs.length === 0 ? (
        <EmptyState
          icon={<RefreshIcon size={20} />}
          title="No finished runs yet"
          description="Each finished sync adds a bar here. The first sync starts when the integration is connected; an admin can start one with Sync now."
        />
      ) : (
        <figure className="relative px-3 pt-4 pb-3 sm:px-4" data-testid="duration-chart">
          {/* A bar opens its run on click, a mouse shortcut: keyboard users open runs from the run history on this page. */}
          <div
            role="img"
            aria-label={`Sync duration per run: ${runs.length === 1 ? "1 run" : `${runs.length} runs`} from ${day(runs[0].startedAt)} to ${day(latest.startedAt)}; the longest took ${formatDuration(longest.durationMs)}, the latest ${formatDuration(latest.durationMs)}.`}
          >
            <BarChart
              responsive
              style={{ width: "100%", height: CHART_HEIGHT }}
              // At least ten slots, so a handful of runs do not make a few giant bars.
              data={[...runs, ...Array.from({ length: Math.max(0, 10 - runs.length) }, () => null)].map((r, i) => ({
                slot: i,
                run: r,
                durationMs: r?.durationMs ?? null,
              }))}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} stroke={GRID_STROKE} strokeDasharray="3 3" />
              <XAxis
                dataKey="slot"
                // The first and the latest run's day; the latest only when it is far enough along not to overlap.
                ticks={runs.length > 3 ? [0, runs.length - 1] : [0]}
                tickFormatter={(slot: number) => (runs[slot] ? day(runs[slot].startedAt) : "")}
                tick={AXIS_TICK}
                tickLine={false}
                axisLine={{ stroke: GRID_STROKE }}
                interval={0}
              />
              <YAxis
                width="auto"
                ticks={ticks}
                domain={[0, ticks[ticks.length - 1]]}
                tickFormatter={durationTick}
                tick={AXIS_TICK}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip
                cursor={{ fill: "var(--color-slate-100)" }}
                isAnimationActive={false}
                content={({ active, payload }) => {
                  const r = active ? (payload?.[0]?.payload as { run: DurationPoint | null } | undefined)?.run : undefined;
                  if (!r) return null;
                  return (
                    <TooltipBox
                      title={`${formatDate(r.startedAt, { timeZone: "UTC" })} UTC`}
                      lines={[
                        { label: "Result", value: RUN_STATUS[r.status].label, color: RUN_COLOR[r.status] },
                        { label: "Duration", value: formatDuration(r.durationMs) },
                      ]}
                    />
                  );
                }}
              />
              <Bar
                dataKey="durationMs"
                maxBarSize={28}
                radius={[2, 2, 0, 0]}
                minPointSize={1}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(entry: { payload?: { run: DurationPoint | null } }) => {
                  const r = entry.payload?.run;
                  if (r) router.push(links.run(overview.integrationId, r.runId));
                }}
              >
                {runs.map((r) => (
                  <Cell key={r.runId} fill={RUN_COLOR[r.status] ?? RUN_COLOR.cancelled} />
                ))}
              </Bar>
            </BarChart>
          </div>
          <div className="mt-2 px-1">
            <Legend
              items={[
                { label: "Succeeded", color: RUN_COLOR.succeeded },
                { label: "Partial", color: RUN_COLOR.partial },
                { label: "Failed", color: RUN_COLOR.failed },
              ]}
            />
          </div>
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
