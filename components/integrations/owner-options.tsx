// The people of the workspace as the options of an integration's Owner select (connect and edit forms).
export interface OwnerOption {
  id: string;
  name: string;
  email: string;
}

export function OwnerOptions({ owners }: { owners: OwnerOption[] }) {
  return owners.map((o) => (
    <option key={o.id} value={o.id}>
      {o.name ? `${o.name} (${o.email})` : o.email}
    </option>
  ));
}
