import { ButtonLink, Card, EmptyState, SearchIcon } from "@/components/ui";
import { links } from "@/lib/links";

// A person, group or app that is not (or no longer) in this workspace's directory.
export default function DirectoryNotFound() {
  return (
    <Card className="mt-6">
      <EmptyState
        icon={<SearchIcon size={20} />}
        title="Not in the directory"
        description="It may have been deleted in Okta (the last sync removed it), or the link is from another workspace. Search the directory to find who or what you were looking for."
        action={<ButtonLink href={links.people()}>Search the directory</ButtonLink>}
      />
    </Card>
  );
}
