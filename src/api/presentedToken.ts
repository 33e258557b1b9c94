import type { IncomingHttpHeaders } from 'node:http';

/** The cookie the web page sets (SameSite=Strict) so that a browser can open /graphiql with the token. */
export const AUTH_COOKIE = 'eph_token';

/** A token a request presented, and where: a cookie is only trusted from this server's own pages. */
export interface PresentedToken {
  token: string;
  via: 'header' | 'cookie';
}

const BASIC = /^basic[ \t]+([A-Za-z0-9+/=]*)[ \t]*$/i;

/** The password of `Authorization: Basic base64(user:password)`; '' when it does not decode to a pair. */
function basicPassword(authorization: string): string | null {
  const m = BASIC.exec(authorization);
  if (!m) return null;
  const pair = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon < 0 ? '' : pair.slice(colon + 1);
}

const BEARER = /^bearer(?:[ \t]+(\S*))?[ \t]*$/i;
const BEARER_SCHEME = /^bearer(?:[ \t]|$)/i;

/** The value of cookie `name` in a Cookie header (`a=1; b=2`), percent-decoded; null when absent. */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * The token of a request: `Authorization: Bearer <token>` (the scheme is case-insensitive), else the
 * `eph_token` cookie. A Bearer header decides alone, right or wrong, so a stale cookie never rescues
 * a wrong header; another scheme (a proxy's Basic credentials) is not ours and is passed over, unless
 * `basic` says the route takes the token as a Basic password (the kube API: kubectl over plain HTTP).
 * Null when neither is there.
 */
export function presentedToken(headers: IncomingHttpHeaders, basic = false): PresentedToken | null {
  const authorization = headers.authorization;
  if (authorization !== undefined && BEARER_SCHEME.test(authorization)) {
    return { token: BEARER.exec(authorization)?.[1] ?? '', via: 'header' };
  }
  if (basic && authorization !== undefined) {
    const password = basicPassword(authorization);
    if (password !== null) return { token: password, via: 'header' };
  }
  const cookie = cookieValue(headers.cookie, AUTH_COOKIE);
  return cookie === null ? null : { token: cookie, via: 'cookie' };
}
