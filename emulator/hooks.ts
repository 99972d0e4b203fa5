// Event hook verification and delivery as Okta does them: a one-time GET challenge, then POSTs of
// batched System Log events to ACTIVE + VERIFIED hooks, 3 s timeout, one retry on 5xx or timeout.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { logJson } from "./serialize";
import type { EventHookRec, LogRec, Tenant } from "./state";

const TIMEOUT_MS = 3000;

// Deliveries go through node:http with keep-alive agents rather than fetch: in a burst the emulator
// POSTs hundreds of batches a second from the same event loop that answers the API, and fetch's
// per-request machinery was a good part of its CPU. Same request, same 3 s limit on the whole exchange.
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

function postOnce(uri: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri);
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        agent: agents[url.protocol as "http:" | "https:"],
      },
      (res) => {
        res.resume(); // the body is not read, only drained
        res.on("end", () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.on("error", fail);
      },
    );
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    const timer = setTimeout(() => {
      const e = new Error("the hook did not answer in time");
      e.name = "TimeoutError";
      req.destroy(e);
    }, TIMEOUT_MS);
    req.on("error", fail);
    req.end(body);
  });
}

export class HookDelivery {
  private queue: { rec: LogRec; index: number }[] = [];
  private scheduled = false;
  private inflight = new Set<Promise<void>>();
  stats = { batches: 0, delivered: 0, failed: 0, retries: 0 };

  constructor(
    private tenant: () => Tenant,
    private base: () => string,
    private onFailure: (h: EventHookRec, status: string) => void,
  ) {}

  async verify(h: EventHookRec): Promise<boolean> {
    const challenge = randomBytes(24).toString("base64url");
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const res = await fetch(h.uri, {
          method: "GET",
          headers: { "x-okta-verification-challenge": challenge, accept: "application/json", ...this.headersOf(h) },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (res.status >= 500) continue;
        if (!res.ok) return false;
        const body = (await res.json().catch(() => null)) as { verification?: unknown } | null;
        return body?.verification === challenge;
      } catch {
        // timeout or connection failure: one retry
      }
    }
    return false;
  }

  private headersOf(h: EventHookRec): Record<string, string> {
    const out: Record<string, string> = {};
    for (const x of h.headers) out[x.key] = x.value;
    if (h.authScheme) out[h.authScheme.key] = h.authScheme.value;
    return out;
  }

  enqueue(rec: LogRec, index: number) {
    if (rec.e.startsWith("event_hook.")) return;
    if (!this.tenant().eventHooks.some((h) => h.status === "ACTIVE" && h.verificationStatus === "VERIFIED")) return;
    this.queue.push({ rec, index });
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.flush(), 20);
    }
  }

  private flush() {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    const t = this.tenant();
    for (const h of t.eventHooks) {
      if (h.status !== "ACTIVE" || h.verificationStatus !== "VERIFIED") continue;
      const events = batch.filter((b) => h.events.items.includes(b.rec.e));
      // Okta batches several events per request; keep batches modest.
      for (let i = 0; i < events.length; i += 50) {
        const p = this.post(
          h,
          events.slice(i, i + 50).map((b) => logJson(t, b.rec, b.index)),
        ).finally(() => this.inflight.delete(p));
        this.inflight.add(p);
      }
    }
  }

  private async post(h: EventHookRec, events: unknown[]) {
    const eventId = randomUUID();
    const body = JSON.stringify({
      eventType: "com.okta.event_hook",
      eventTypeVersion: "1.0",
      cloudEventsVersion: "0.1",
      source: `${this.base()}/api/v1/eventHooks/${h.id}`,
      eventId,
      eventTime: new Date().toISOString(),
      contentType: "application/json",
      data: { events },
    });
    this.stats.batches++;
    let status: number | string = "not sent";
    let attempts = 0;
    for (; attempts < 2; attempts++) {
      if (attempts) this.stats.retries++;
      try {
        status = await postOnce(h.uri, { accept: "application/json", "content-type": "application/json", ...this.headersOf(h) }, body);
        if (status < 500) break; // 4xx is not retried
      } catch (e) {
        status = e instanceof Error && e.name === "TimeoutError" ? "timeout" : "connection error";
      }
    }
    const okStatus = typeof status === "number" && status >= 200 && status < 300;
    if (okStatus) this.stats.delivered++;
    else {
      this.stats.failed++;
      this.onFailure(h, String(status));
    }
    h.deliveries.unshift({ eventId, status, attempts: Math.min(attempts + 1, 2), at: Date.now(), events: events.length });
    h.deliveries.length = Math.min(h.deliveries.length, 100);
  }

  /** Resolves when everything queued so far has been delivered (tests, mutations with wait). */
  async drain() {
    if (this.scheduled || this.queue.length) {
      await new Promise((r) => setTimeout(r, 25));
      if (this.scheduled) this.flush();
    }
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}
