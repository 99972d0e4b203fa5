// What the batch writer had to do about a resource's data, told in the run's event log: objects whose
// strings were cleaned (one entry per resource, with the count and some of their ids, when the
// resource ends) and objects quarantined (an entry each, as they happen, with the object's id and
// the reason). The counts are this worker's: a run resumed elsewhere reports the rest there.
import type { EventKind } from "@/lib/integrations/event-kinds";
import type { WriteResult } from "./upsert-batch";

/** Quarantined objects told one by one per resource and attempt; past this, only counted at the end. */
export const QUARANTINE_EVENTS_MAX = 50;
const SAMPLE = 20;

type Note = (level: "info" | "warn", kind: EventKind, message: string, details?: Record<string, unknown>) => Promise<void>;

export class DataIssues {
  cleaned = 0;
  quarantined = 0;
  private sample: string[] = [];

  constructor(
    private note: Note,
    private what: string,
  ) {}

  async record(r: Pick<WriteResult, "cleaned" | "quarantined">) {
    if (r.cleaned.length) {
      this.cleaned += r.cleaned.length;
      for (const id of r.cleaned) if (this.sample.length < SAMPLE) this.sample.push(id);
    }
    for (const q of r.quarantined) {
      this.quarantined++;
      if (this.quarantined > QUARANTINE_EVENTS_MAX) continue;
      await this.note(
        "warn",
        "sync.object_quarantined",
        `${q.key} could not be stored and was skipped (${q.reason}); a copy stored earlier is kept. The rest was written.`,
        {
          id: q.key,
          code: q.code,
          reason: q.reason,
          ...(q.column ? { column: q.column } : {}),
          ...(q.constraint ? { constraint: q.constraint } : {}),
        },
      );
    }
  }

  /** The summary entries; call once when the resource ends. */
  async report() {
    if (this.cleaned) {
      await this.note(
        "warn",
        "sync.values_cleaned",
        `${this.cleaned} ${this.what} held characters Postgres cannot store (NUL, or half of a UTF-16 surrogate pair); they were removed (NUL) or replaced by U+FFFD and the objects stored`,
        { count: this.cleaned, sample: this.sample },
      );
    }
    if (this.quarantined > QUARANTINE_EVENTS_MAX) {
      await this.note(
        "warn",
        "sync.object_quarantined",
        `${this.quarantined} ${this.what} could not be stored in all (the first ${QUARANTINE_EVENTS_MAX} are listed one by one)`,
        { count: this.quarantined },
      );
    }
  }
}
