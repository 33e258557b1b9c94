import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { parseStep, type Query } from '../params.js';
import { type ReadyCountRow, readyGrid } from '../readyGrid.js';
import { qualified, serviceRangeRequest } from '../selectServices.js';

/**
 * `GET ready-count?namespace=&service=&from=&to=&step=&cluster=`: ready and not-ready endpoint
 * counts, one series per service (label `service` = `namespace/name`), as a dense grid of change
 * points or, past `maxPoints`, of buckets (see `readyGrid`). A service with no endpoints reads 0,
 * never a missing series.
 */
export function readyCountRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/ready-count', async (request): Promise<ReadyCountRow[]> => {
    const query = request.query as Query;
    const step = parseStep(query, ctx.limits.maxRangeMs);
    const asked = serviceRangeRequest(query, ctx);
    if (asked === null) return [];
    const { services, range, cluster } = asked;
    const series = services.map((s) => ({
      service: qualified(s),
      points: ctx.history.readyCount({
        cluster,
        namespace: s.namespace,
        service: s.name,
        from: range.from,
        to: range.to,
      }),
    }));
    return readyGrid(series, range, step, ctx.limits.maxPoints);
  });
}
