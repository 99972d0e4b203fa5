// URLs of the directory pages; ids are unambiguous only together with their integration.
const enc = encodeURIComponent;
export const directoryHref = {
  person: (integrationId: string, id: string) => `/directory/people/${enc(integrationId)}/${enc(id)}`,
  group: (integrationId: string, id: string) => `/directory/groups/${enc(integrationId)}/${enc(id)}`,
  app: (integrationId: string, id: string) => `/directory/apps/${enc(integrationId)}/${enc(id)}`,
};
