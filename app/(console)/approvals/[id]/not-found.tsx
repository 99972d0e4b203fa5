import { ButtonLink, Card, EmptyState, SearchIcon } from "@/components/ui";
import { links } from "@/lib/links";

// A request that is not in this workspace (another workspace's link, or its integration was removed).
export default function RequestNotFound() {
  return (
    <Card className="mt-6">
      <EmptyState
        icon={<SearchIcon size={20} />}
        title="No such request"
        description="It is not one of this workspace's requests: the link may be from another workspace, or its integration was removed. Its audit entries stay on the Audit page."
        action={<ButtonLink href={links.approvals()}>All requests</ButtonLink>}
      />
    </Card>
  );
}
