import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { multi, parseCluster, type Query, querySchema } from '../params.js';
import { qualified, recordedServices } from '../selectServices.js';
import type { VariableOption } from './namespacesRoute.js';

/**
 * `GET services?namespace=&cluster=`: the chained service variable. With one namespace the options
 * are bare names; with several (or all) they are `namespace/name`, which every route also accepts,
 * so a choice stays unambiguous. An unknown namespace simply has no services.
 */
const QUERY = ['namespace', 'cluster'] as const;

export function servicesRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/services',
    { schema: querySchema(QUERY) },
    async (request): Promise<VariableOption[]> => {
      const query = request.query;
      const namespaces = multi(query, 'namespace');
      const all = await recordedServices(ctx.history, parseCluster(query));
      const chosen = namespaces === null ? all : all.filter((s) => namespaces.includes(s.namespace));
      const bare = namespaces !== null && namespaces.length === 1;
      return checkRows(ctx.limits, chosen, 'services').map((s) => {
        const name = bare ? s.name : qualified(s);
        return { __text: name, __value: name };
      });
    },
  );
}
