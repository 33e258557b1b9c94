import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request comes from a page served by this server: its `Origin` names the host the request
 * was sent to. Browsers always send Origin on a WebSocket handshake, and a page cannot forge it, so a
 * cross-site page that makes the browser attach our cookie to a WebSocket is told apart here.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  const host = headers.host;
  if (origin === undefined || host === undefined) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
