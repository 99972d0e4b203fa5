import { PageSkeleton } from "@/components/integration-page/segment-states";

export default function Loading() {
  return <PageSkeleton label="Loading the integration" blocks={["h-40", "h-72", "h-56", "h-64"]} />;
}
