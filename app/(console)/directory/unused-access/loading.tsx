import { DirectoryLoading } from "@/components/directory/segment";

export default function Loading() {
  return <DirectoryLoading label="Loading unused access" />;
}
