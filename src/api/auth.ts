import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const PROTECTED = /^\/(graphql|api\/)/;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Optional bearer-token auth for the data routes (/graphql, /api/*). Health, metrics and GraphiQL's
 * page stay open so probes and humans can reach them; the page's queries still need the token.
 */
export function registerAuth(app: FastifyInstance, token: string | null): void {
  if (!token) return;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' || !PROTECTED.test(request.url)) return;
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!same(given, token)) {
      // A refused WebSocket upgrade never reaches @fastify/websocket's hooks, which would close the
      // socket: close it once the 401 is written, or it stays open and blocks the server's close.
      if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket?.destroy());
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({
          errors: [
            { message: 'missing or wrong bearer token', extensions: { code: 'EPH_ERR_UNAUTHENTICATED' } },
          ],
        });
    }
  });
}
