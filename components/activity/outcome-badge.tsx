// An event's outcome (Okta's outcome.result) as a coloured badge, with the reason on hover.
import { Badge, type Tone } from "@/components/ui";

const TONE: Record<string, Tone> = {
  SUCCESS: "success",
  ALLOW: "success",
  FAILURE: "danger",
  DENY: "danger",
  RATE_LIMIT: "danger",
  CHALLENGE: "warning",
  ABANDONED: "warning",
  UNANSWERED: "warning",
};

/** "RATE_LIMIT" → "Rate limit". */
export const outcomeLabel = (o: string) => (o.charAt(0) + o.slice(1).toLowerCase()).replace(/_/g, " ");

export function OutcomeBadge({ outcome, reason }: { outcome: string | null; reason?: string | null }) {
  if (!outcome) return <span className="text-slate-500">—</span>;
  return (
    <span title={reason ?? undefined}>
      <Badge tone={TONE[outcome] ?? "neutral"}>{outcomeLabel(outcome)}</Badge>
    </span>
  );
}
