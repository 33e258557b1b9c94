import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { parseCluster, type Query, querySchema } from '../params.js';
import { recordedServices } from '../selectServices.js';

/** One template-variable option: Infinity takes `__text` as the label and `__value` as the value. */
export interface VariableOption {
  __text: string;
  __value: string;
}

/**
 * `GET namespaces?cluster=`: every namespace that ever had a recorded service, sorted, as variable
 * options. `from`/`to` are accepted and ignored: a namespace stays selectable for any time range.
 */
const QUERY = ['cluster'] as const;

export function namespacesRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/namespaces',
    { schema: querySchema(QUERY) },
    async (request): Promise<VariableOption[]> => {
      const services = await recordedServices(ctx.history, parseCluster(request.query));
      const names = [...new Set(services.map((s) => s.namespace))].sort();
      return checkRows(ctx.limits, names, 'namespaces').map((n) => ({ __text: n, __value: n }));
    },
  );
}
