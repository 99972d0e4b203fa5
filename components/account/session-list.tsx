"use client";
// A person's live console sessions: browser, address, when it started and was last used, and a way
// to end each. Used on your own account page and, for admins, on Settings → People.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, EmptyState, ShieldIcon, Spinner, Table, TBody, TD, TH, THead, Time, TR } from "@/components/ui";
import { api } from "@/lib/api/client";
import { describeUserAgent } from "@/lib/sessions/describe-user-agent";
import { sessionList } from "@/lib/sessions/schemas";

export const sessionsKey = (userId?: string) => ["sessions", userId ?? "me"] as const;

export function SessionList({ userId, label }: { userId?: string; label: string }) {
  const qc = useQueryClient();
  const query = userId ? `?userId=${encodeURIComponent(userId)}` : "";
  const { data, error, isPending } = useQuery({
    queryKey: sessionsKey(userId),
    queryFn: () => api(`/api/sessions${query}`, { schema: sessionList }).then((r) => r.items),
  });
  const end = useMutation({
    mutationFn: (id: string) => api(`/api/sessions/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: sessionsKey(userId) }),
  });
  if (isPending) return <Spinner label="Loading sessions" />;
  if (error) return <Alert tone="danger">{error.message}</Alert>;
  if (data.length === 0) {
    return <EmptyState icon={<ShieldIcon size={20} />} title="No active sessions" description="Not signed in anywhere right now." />;
  }
  return (
    <>
      {end.error && <Alert tone="danger">{end.error.message}</Alert>}
      <Table label={label}>
        <THead>
          <TH>Browser</TH>
          <TH>Address</TH>
          <TH>Signed in</TH>
          <TH>Last active</TH>
          <TH align="right">
            <span className="sr-only">Actions</span>
          </TH>
        </THead>
        <TBody>
          {data.map((s) => (
            <TR key={s.id}>
              <TD>
                <span className="font-medium text-slate-900" title={s.userAgent}>
                  {describeUserAgent(s.userAgent)}
                </span>{" "}
                {s.current && <Badge tone="success">This session</Badge>}
              </TD>
              <TD>
                <code className="font-mono text-xs text-slate-700">{s.clientAddress || "unknown"}</code>
              </TD>
              <TD>
                <Time value={s.createdAt} />
              </TD>
              <TD>
                <Time value={s.lastSeenAt} />
              </TD>
              <TD align="right">
                {!s.current && (
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={end.isPending && end.variables === s.id}
                    onClick={() => end.mutate(s.id)}
                    aria-label={`End the ${describeUserAgent(s.userAgent)} session from ${s.clientAddress || "an unknown address"}`}
                  >
                    End
                  </Button>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
