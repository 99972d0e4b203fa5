"use client";
import { SegmentError } from "@/components/integration-page/segment-states";

export default function IntegrationError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <SegmentError what="This integration" {...props} />;
}
