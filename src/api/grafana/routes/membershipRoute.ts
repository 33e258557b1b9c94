import type { FastifyInstance } from 'fastify';
import { compareText } from '../../../util/compareText.js';
import type { ApiContext } from '../../context.js';
import { collectRows } from '../collectRows.js';
import { type MembershipRow, memberIntervals } from '../memberIntervals.js';
import { querySchema, SERVICE_RANGE_QUERY, type ServiceRangeQuery } from '../params.js';
import { serviceRangeRequest } from '../selectServices.js';

/**
 * `GET membership?namespace=&service=&from=&to=&cluster=`: interval rows `{time, timeEnd, pod, ip,
 * service, state}` for a state timeline (partition by service, pod and ip), clipped to the range and
 * never open-ended, sorted by time, then service, pod and ip; at most `maxRows` rows. `time` sorts before `timeEnd`, so
 * Infinity's alphabetical field order makes the start the first time field.
 */
export function membershipRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: ServiceRangeQuery }>(
    '/membership',
    { schema: querySchema(SERVICE_RANGE_QUERY) },
    async (request): Promise<MembershipRow[]> => {
      const query = request.query;
      const asked = await serviceRangeRequest(query, ctx);
      if (asked === null) return [];
      const { services, range, cluster } = asked;
      const rows = await collectRows(
        ctx.limits,
        services,
        (s) => memberIntervals(ctx.history, cluster, s, range, ctx.limits.maxPoints),
        'membership',
      );
      return rows.sort(
        (a, b) =>
          a.time - b.time ||
          compareText(a.service, b.service) ||
          compareText(a.pod, b.pod) ||
          compareText(a.ip, b.ip) ||
          a.timeEnd - b.timeEnd,
      );
    },
  );
}
