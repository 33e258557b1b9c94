import type { FastifyInstance } from 'fastify';
import { errorBody } from './errorBody.js';
import { httpError } from './httpError.js';

/**
 * The answers of the HTTP layer itself, coded like every other error: a path no route serves is 404
 * EPH_ERR_NOT_FOUND, and a failure of a route without its own handler goes through `httpError`.
 * GraphQL and the Grafana routes keep their own handlers (their body shapes), which take precedence.
 */
export function registerHttpErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('EPH_ERR_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.setErrorHandler((error, request, reply) => {
    const { status, code, message } = httpError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(errorBody(code, message));
  });
}
