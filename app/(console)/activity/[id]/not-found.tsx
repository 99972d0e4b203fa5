import { ButtonLink, Card, EmptyState, SearchIcon } from "@/components/ui";
import { links } from "@/lib/links";

// An event that is not in this workspace's synced log (another workspace's link, or its integration's data was deleted).
export default function EventNotFound() {
  return (
    <Card className="mt-6">
      <EmptyState
        icon={<SearchIcon size={20} />}
        title="No such event"
        description="It is not in this workspace's synced System Log: the link may be from another workspace, or the integration's data was deleted when it was disconnected."
        action={<ButtonLink href={links.activity()}>All activity</ButtonLink>}
      />
    </Card>
  );
}
