// Which URLs from a server the panel may open, and whether to ask first: http(s) only, and a
// URL on another origin than the connection's server is opened only after the user agrees
// (a hostile server could otherwise send users anywhere). Pure, so it is unit-tested.

type LinkVerdict = { ok: false; reason: string } | { ok: true; url: string; sameOrigin: boolean };

export function checkLink(url: unknown, connectionUrl: string): LinkVerdict {
  if (typeof url !== 'string' || !url.trim()) return { ok: false, reason: 'empty link' };
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, reason: `${parsed.protocol} links are not opened` };
  if (parsed.username || parsed.password) return { ok: false, reason: 'links with credentials are not opened' };
  let origin: string | undefined;
  try {
    origin = new URL(connectionUrl).origin;
  } catch {
    origin = undefined;
  }
  return { ok: true, url: parsed.toString(), sameOrigin: origin !== undefined && parsed.origin === origin };
}
