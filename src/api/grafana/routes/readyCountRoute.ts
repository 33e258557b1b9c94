import type { FastifyInstance } from 'fastify';
import type { ReadyCountPointOut } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { parseStep, type Query, querySchema, SERVICE_RANGE_QUERY } from '../params.js';
import { pointsPerSeries, type ReadyCountRow, readyGrid } from '../readyGrid.js';
import { qualified, serviceRangeRequest } from '../selectServices.js';

/**
 * `GET ready-count?namespace=&service=&from=&to=&step=&cluster=`: ready and not-ready endpoint
 * counts, one series per service (label `service` = `namespace/name`), as a dense grid of change
 * points or, past the points each series may have, of buckets (see `readyGrid`). A service with no
 * endpoints reads 0, never a missing series. All series together stay within `maxRows`: with many
 * services the step is widened, and the answer says so in `X-Eph-Step` (the bucket width) and a
 * `Warning` header; too many services for even a coarse graph is EPH_ERR_TOO_MANY_ROWS.
 */
const QUERY = [...SERVICE_RANGE_QUERY, 'step'] as const;

export function readyCountRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/ready-count',
    { schema: querySchema(QUERY) },
    async (request, reply): Promise<ReadyCountRow[]> => {
      const query = request.query;
      const step = parseStep(query, ctx.limits.maxRangeMs);
      const asked = await serviceRangeRequest(query, ctx);
      if (asked === null) return [];
      const { services, range, cluster } = asked;
      const perSeries = pointsPerSeries(services.length, ctx.limits);
      const series: { service: string; points: ReadyCountPointOut[] }[] = [];
      for (const s of services) {
        series.push({
          service: qualified(s),
          points: await ctx.history.readyCount({
            cluster,
            namespace: s.namespace,
            service: s.name,
            from: range.from,
            to: range.to,
          }),
        });
      }
      const grid = readyGrid(series, range, step, perSeries, ctx.limits.maxPoints);
      if (grid.step !== null) reply.header('x-eph-step', String(grid.step));
      if (grid.widenedFrom !== null) {
        reply.header(
          'warning',
          `299 - "ready-count: step widened from ${grid.widenedFrom} ms to ${grid.step} ms so that ${series.length} series stay within ${ctx.limits.maxRows} rows"`,
        );
      }
      return grid.rows;
    },
  );
}
