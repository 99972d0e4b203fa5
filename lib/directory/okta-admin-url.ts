// Links into the Okta Admin Console. Okta serves it from the org's host with "-admin" added to the
// first label (acme.okta.com -> acme-admin.okta.com); other hosts (the emulator, custom setups) are
// linked as they are.
const OKTA_HOSTS = /\.(okta|oktapreview|okta-emea|okta-gov)\.com$|\.okta\.mil$/i;

export function oktaAdminOrigin(domain: string): string {
  let url: URL;
  try {
    url = new URL(domain);
  } catch {
    return domain.replace(/\/+$/, "");
  }
  const [first, ...rest] = url.hostname.split(".");
  if (OKTA_HOSTS.test(url.hostname) && !first.endsWith("-admin")) url.hostname = [`${first}-admin`, ...rest].join(".");
  return url.origin;
}

const enc = encodeURIComponent;
export const oktaAdminUrls = {
  user: (domain: string, id: string) => `${oktaAdminOrigin(domain)}/admin/user/profile/view/${enc(id)}`,
  group: (domain: string, id: string) => `${oktaAdminOrigin(domain)}/admin/group/${enc(id)}`,
  app: (domain: string, name: string, id: string) => `${oktaAdminOrigin(domain)}/admin/app/${enc(name)}/instance/${enc(id)}/`,
};
