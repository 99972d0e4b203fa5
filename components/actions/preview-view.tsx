// A request's preview as the server computed it (POST …/actions/preview, or the one stored with the
// request): the warning of a destructive kind, the summary, and per target what it does or why its
// state refuses it, with the lists it names (the app assignments that end, the groups…).
import { Alert, Badge, CheckIcon, cn } from "@/components/ui";
import type { ActionPreview, PreviewList, TargetPreview } from "@/lib/actions/contracts";
import { formatCount } from "@/lib/format";

function Lists({ lists }: { lists: PreviewList[] }) {
  if (!lists.length) return null;
  return (
    <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
      {lists.map((l) => (
        <div key={l.title} className="min-w-0">
          <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            {l.title} ({formatCount(l.total)})
          </h4>
          <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5 text-sm text-slate-700">
            {l.items.map((i) => (
              <li key={i} className="truncate">
                {i}
              </li>
            ))}
            {l.total > l.items.length && <li className="list-none text-slate-500">and {formatCount(l.total - l.items.length)} more</li>}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Refusal({ t }: { t: TargetPreview }) {
  return (
    <span className="text-amber-800">
      {t.refusal?.code === "already" ? "Nothing to do: " : "Refused: "}
      {t.refusal?.reason}
    </span>
  );
}

/** One target's line: its label, whether its state allows the action, the effect or the reason. */
function TargetLine({ t }: { t: TargetPreview }) {
  return (
    <li className="flex items-start gap-2 py-2 text-sm" data-testid="preview-target">
      {t.allowed ? (
        <CheckIcon size={16} className="mt-0.5 shrink-0 text-emerald-600" aria-label="Allowed" />
      ) : (
        <Badge tone="warning" className="mt-0.5">
          {t.refusal?.code === "already" ? "Already so" : "Refused"}
        </Badge>
      )}
      <div className="min-w-0">
        <div className="truncate font-medium text-slate-900">{t.label}</div>
        <div className={cn("text-slate-600", !t.allowed && "text-amber-800")}>{t.allowed ? t.effect : <Refusal t={t} />}</div>
      </div>
    </li>
  );
}

export function PreviewView({ preview, className }: { preview: ActionPreview; className?: string }) {
  const single = preview.targets.length === 1 ? preview.targets[0] : null;
  return (
    <div className={cn("space-y-3", className)} data-testid="action-preview">
      {preview.destructive && (
        <Alert tone="warning" title="This cannot simply be undone">
          {preview.warning}
        </Alert>
      )}
      {single ? (
        single.allowed ? (
          <div>
            <p className="text-sm text-slate-800">{single.effect}</p>
            <Lists lists={single.lists} />
          </div>
        ) : (
          <Alert tone="warning" title={single.refusal?.code === "already" ? "Nothing to do" : "Okta's rules refuse this"}>
            {single.refusal?.reason}
          </Alert>
        )
      ) : (
        <>
          <p className="text-sm font-medium text-slate-800">{preview.summary}</p>
          <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 px-3">
            {preview.targets.map((t) => (
              <TargetLine key={t.seq} t={t} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
