import type { FastifyInstance } from 'fastify';
import { ephError } from '../../errors/index.js';
import type { ApiContext } from '../context.js';
import { errorReply } from './errorReply.js';
import {
  clustersRoute,
  coverageRoute,
  endpointsAtRoute,
  eventsRoute,
  membershipRoute,
  namespacesRoute,
  outagesRoute,
  readyCountRoute,
  servicesRoute,
} from './routes/index.js';

const GRAFANA_PREFIX = '/api/grafana/v1';

/**
 * Mounts the Infinity-friendly JSON routes under /api/grafana/v1 (GET only): each answers a JSON
 * array of flat rows with epoch-ms times, sorted by time; a failure answers `{error, code}` with
 * 400 (bad input), 404 (unknown service or route) or 500. Contract: docs/grafana.md.
 */
export async function registerGrafana(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => {
        const { status, body } = errorReply(error);
        if (status >= 500) request.log.error({ err: error }, 'grafana route failed');
        return reply.code(status).send(body);
      });
      scope.setNotFoundHandler((request, reply) => {
        const { status, body } = errorReply(
          ephError('EPH_ERR_NOT_FOUND', `no Grafana route ${request.method} ${request.url.split('?')[0]}`),
        );
        return reply.code(status).send(body);
      });
      for (const route of [
        clustersRoute,
        namespacesRoute,
        servicesRoute,
        readyCountRoute,
        membershipRoute,
        endpointsAtRoute,
        eventsRoute,
        outagesRoute,
        coverageRoute,
      ]) {
        route(scope, ctx);
      }
    },
    { prefix: GRAFANA_PREFIX },
  );
}
