"use client";
import { SegmentError } from "@/components/integration-page/segment-states";

export default function SegmentErrorPage(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <SegmentError what="The event log" {...props} />;
}
