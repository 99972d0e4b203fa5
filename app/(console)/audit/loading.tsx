import { ActionsLoading } from "@/components/actions/segment";

export default function Loading() {
  return <ActionsLoading label="Loading the audit log" />;
}
