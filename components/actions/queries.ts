"use client";
// react-query keys and hooks of actions on Okta: what a page may offer, one request (polled while it
// is not final), the pending count beside Approvals, the approval policy, and an integration's
// credentials (for bulk actions, which have no single subject to ask about).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { z } from "zod";
import { type ActionStatus, FINAL_ACTION_STATUSES } from "@/db/enums";
import { type ActionTargetInput, actionRequestDetail, approvalPolicyView, availableActions, pendingCount } from "@/lib/actions/contracts";
import { api } from "@/lib/api/client";
import { integrationView } from "@/lib/integrations/contracts";

export const actionKeys = {
  all: ["actions"] as const,
  available: (integrationId: string, subject: ActionTargetInput) => ["actions", "available", integrationId, subject] as const,
  request: (id: string) => ["actions", "request", id] as const,
  list: (filters: Record<string, string>) => ["actions", "list", filters] as const,
  pending: ["actions", "pending-count"] as const,
  policy: ["actions", "approval-policy"] as const,
  credentials: (integrationId: string) => ["actions", "credentials", integrationId] as const,
  preview: (integrationId: string, body: unknown) => ["actions", "preview", integrationId, body] as const,
};
export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: Record<string, string>) => ["audit", "list", filters] as const,
  verify: ["audit", "verify"] as const,
};

/** How often a request that is not final is read again, and the pending count. */
export const REQUEST_POLL_MS = 1500;
export const PENDING_POLL_MS = 30_000;
export const PENDING_REQUEST_POLL_MS = 10_000;

export const isFinal = (s: ActionStatus) => (FINAL_ACTION_STATUSES as readonly string[]).includes(s);

const qs = (o: ActionTargetInput) =>
  new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === "string")).toString();

/** The kinds a person's, group's or app's page offers (a fresh read from Okta), once `enabled` (the menu opened). */
export function useAvailableActions(integrationId: string, subject: ActionTargetInput, enabled: boolean) {
  return useQuery({
    queryKey: actionKeys.available(integrationId, subject),
    queryFn: ({ signal }) =>
      api(`/api/integrations/${encodeURIComponent(integrationId)}/actions/available?${qs(subject)}`, { schema: availableActions, signal }),
    enabled,
    // The subject's state changes only by an action (which invalidates this) or in Okta; read it again after a minute.
    staleTime: 60_000,
  });
}

/**
 * One request with its targets, decisions and audit entries, read again until it is final: every
 * REQUEST_POLL_MS while it is queued or running, every PENDING_REQUEST_POLL_MS while it waits for a
 * decision (someone else's, usually minutes away).
 */
export function useActionRequest(id: string | null, initial?: z.infer<typeof actionRequestDetail>) {
  return useQuery({
    queryKey: actionKeys.request(id ?? ""),
    queryFn: ({ signal }) => api(`/api/actions/${encodeURIComponent(id ?? "")}`, { schema: actionRequestDetail, signal }),
    enabled: !!id,
    initialData: initial,
    refetchInterval: (q) =>
      !q.state.data
        ? REQUEST_POLL_MS
        : isFinal(q.state.data.status)
          ? false
          : q.state.data.status === "pending_approval"
            ? PENDING_REQUEST_POLL_MS
            : REQUEST_POLL_MS,
  });
}

/** Requests waiting for approval (and those the caller may approve), for the sidebar; refreshes itself. */
export function usePendingCount() {
  return useQuery({
    queryKey: actionKeys.pending,
    queryFn: ({ signal }) => api("/api/actions/pending-count", { schema: pendingCount, signal }),
    refetchInterval: PENDING_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useApprovalPolicy(initial?: z.infer<typeof approvalPolicyView>) {
  return useQuery({
    queryKey: actionKeys.policy,
    queryFn: ({ signal }) => api("/api/approval-policy", { schema: approvalPolicyView, signal }),
    initialData: initial,
  });
}

const integrationAnswer = z.object({ integration: integrationView });

/** The integration's credentials facts (allowed kinds and why not), for a bulk action or a new person. */
export function useIntegrationCredentials(integrationId: string | null) {
  return useQuery({
    queryKey: actionKeys.credentials(integrationId ?? ""),
    queryFn: async ({ signal }) =>
      (await api(`/api/integrations/${encodeURIComponent(integrationId ?? "")}`, { schema: integrationAnswer, signal })).integration,
    enabled: !!integrationId,
    staleTime: 60_000,
  });
}

/** After an action ends: what the directory, the history, the lists and the counts show is read again. */
export function useRefreshAfterAction() {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: ["directory"] });
    // Not the request being watched (it polls itself) nor previews: the rest of what actions show.
    void qc.invalidateQueries({
      queryKey: actionKeys.all,
      predicate: (q) => q.queryKey[1] !== "request" && q.queryKey[1] !== "preview",
    });
    void qc.invalidateQueries({ queryKey: auditKeys.all });
  }, [qc]);
}
