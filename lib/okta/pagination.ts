// Okta pages with Link headers: one `link` header per relation, which fetch joins with ", ".
// URLs may themselves contain commas (fields=id,status), so split on the angle brackets, not on commas.

export interface LinkEntry {
  url: string;
  rel: string[];
}

export function parseLinkHeader(header: string | null | undefined): LinkEntry[] {
  if (!header) return [];
  const out: LinkEntry[] = [];
  const re = /<([^>]*)>((?:\s*;\s*[^;,<]+(?:=(?:"[^"]*"|[^;,<]*))?)*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const relMatch = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(m[2]);
    const rel = (relMatch?.[1] ?? relMatch?.[2] ?? "").trim().toLowerCase().split(/\s+/).filter(Boolean);
    out.push({ url: m[1].trim(), rel });
  }
  return out;
}

/** The `next` link resolved against the request URL, or null at the end of the list. */
export function nextLink(header: string | null | undefined, base: string): string | null {
  const next = parseLinkHeader(header).find((l) => l.rel.includes("next"));
  if (!next?.url) return null;
  try {
    return new URL(next.url, base).toString();
  } catch {
    return null;
  }
}
