import { PageSkeleton } from "@/components/integration-page/segment-states";

export default function Loading() {
  return <PageSkeleton label="Loading the event log" blocks={["h-96"]} />;
}
