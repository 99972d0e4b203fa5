import { PageSkeleton } from "@/components/integration-page/segment-states";

export default function Loading() {
  return <PageSkeleton label="Loading the run" blocks={["h-32", "h-96", "h-64"]} />;
}
