import { Spinner } from "@/components/ui";

export default function Loading() {
  return (
    <div className="flex min-h-[40vh] items-center justify-center">
      <Spinner label="Loading page" size={22} />
    </div>
  );
}
