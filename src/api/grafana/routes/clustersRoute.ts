import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { type Query, querySchema } from '../params.js';
import type { VariableOption } from './namespacesRoute.js';

/**
 * `GET clusters`: every cluster recorded in the database, sorted, as options of the dashboard's
 * `cluster` variable (what every other route's `cluster=` takes); none for an empty database.
 * `from`/`to` are accepted and ignored: a cluster stays selectable for any time range.
 */
const QUERY = [] as const;

export function clustersRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/clusters',
    { schema: querySchema(QUERY) },
    async (): Promise<VariableOption[]> =>
      checkRows(ctx.limits, await ctx.history.clusters(), 'clusters').map((n) => ({ __text: n, __value: n })),
  );
}
