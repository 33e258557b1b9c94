import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../context.js';
import { parseStep, type Query } from '../params.js';
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
export function readyCountRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/ready-count', async (request, reply): Promise<ReadyCountRow[]> => {
    const query = request.query as Query;
    const step = parseStep(query);
    const asked = serviceRangeRequest(query, ctx);
    if (asked === null) return [];
    const { services, range, cluster } = asked;
    const perSeries = pointsPerSeries(services.length, ctx.limits);
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
    const grid = readyGrid(series, range, step, perSeries, ctx.limits.maxPoints);
    if (grid.step !== null) reply.header('x-eph-step', String(grid.step));
    if (grid.widenedFrom !== null) {
      reply.header(
        'warning',
        `299 - "ready-count: step widened from ${grid.widenedFrom} ms to ${grid.step} ms so that ${series.length} series stay within ${ctx.limits.maxRows} rows"`,
      );
    }
    return grid.rows;
  });
}
