import { EmptyState } from "./empty-state";
import { SearchIcon } from "./icons";

interface Words {
  title: string;
  description: React.ReactNode;
}

/**
 * An empty list's message: with filters on, that nothing matches them (a search icon unless the list
 * has its own); without, that nothing has happened yet, what fills the list and, maybe, what to do.
 */
export function ListEmpty({
  filtered,
  noMatch,
  none,
}: {
  filtered: boolean;
  noMatch: Words & { icon?: React.ReactNode };
  none: Words & { icon: React.ReactNode; action?: React.ReactNode };
}) {
  return filtered ? (
    <EmptyState icon={noMatch.icon ?? <SearchIcon size={20} />} title={noMatch.title} description={noMatch.description} />
  ) : (
    <EmptyState icon={none.icon} title={none.title} description={none.description} action={none.action} />
  );
}
