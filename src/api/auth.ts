import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors/index.js';
import { errorBody } from './errorBody.js';
import { presentedToken } from './presentedToken.js';
import { isPublicRoute } from './publicRoute.js';
import { isSameOrigin } from './sameOrigin.js';
import { tokenMatcher } from './tokenMatcher.js';

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: 401 | 403,
  code: ErrorCode,
  why: string,
) {
  // A refused WebSocket upgrade never reaches @fastify/websocket's hooks, which would close the
  // socket: close it once the answer is written, or it stays open and blocks the server's close.
  if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket?.destroy());
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  const body = request.routeOptions.config?.refusalBody ?? errorBody;
  return reply.code(status).send(body(code, why));
}

/**
 * Bearer-token auth, deny by default: with a token configured, every request needs it — any route,
 * registered before or after this hook, and a path that matches no route at all — except the routes
 * that declare `config: PUBLIC_ROUTE`. The decision is made on the route fastify matched, so no
 * spelling of a path (percent-encoded, absolute-form, another case) can reach data around it.
 * The token comes from `Authorization: Bearer` or the `eph_token` cookie (on routes that declare
 * `basicToken`, also as the password of Basic credentials); a WebSocket upgrade that
 * relies on the cookie must also come from one of this server's pages (cross-site WebSocket hijacking).
 * CORS preflights are answered by @fastify/cors' own hook before this one (they carry no credentials).
 */
export function registerAuth(app: FastifyInstance, token: string | null): void {
  if (token === null) return;
  const matches = tokenMatcher(token);
  app.addHook('onRequest', async (request, reply) => {
    if (isPublicRoute(request)) return;
    const given = presentedToken(request.headers, request.routeOptions.config?.basicToken === true);
    if (given === null || !matches(given.token)) {
      return refuse(request, reply, 401, 'EPH_ERR_UNAUTHENTICATED', 'missing or wrong bearer token');
    }
    if (given.via === 'cookie' && request.headers.upgrade && !isSameOrigin(request.headers)) {
      return refuse(
        request,
        reply,
        403,
        'EPH_ERR_CROSS_ORIGIN',
        'a WebSocket authenticated by the eph_token cookie must come from a page of this server (Origin ≠ Host); send Authorization: Bearer instead',
      );
    }
  });
}
