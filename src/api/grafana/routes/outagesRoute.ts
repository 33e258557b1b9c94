import type { FastifyInstance } from 'fastify';
import { compareText } from '../../../util/compareText.js';
import type { ApiContext } from '../../context.js';
import { collectRows } from '../collectRows.js';
import { querySchema, SERVICE_RANGE_QUERY, type ServiceRangeQuery } from '../params.js';
import { qualified, serviceRangeRequest } from '../selectServices.js';

/** One interval during which a service existed and had zero ready endpoints. */
export interface OutageRow {
  time: number;
  timeEnd: number;
  service: string;
  durationMs: number;
  /** The outage reaches the end of the range (or now): it may still be going on. */
  ongoing: boolean;
  /** Every moment of it was recorded; false means part of it may be a gap, not an outage. */
  complete: boolean;
}

/**
 * `GET outages?namespace=&service=&from=&to=&cluster=`: outages clipped to the range, by time; at
 * most `maxRows` rows.
 */
export function outagesRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: ServiceRangeQuery }>(
    '/outages',
    { schema: querySchema(SERVICE_RANGE_QUERY) },
    async (request): Promise<OutageRow[]> => {
      const query = request.query;
      const asked = await serviceRangeRequest(query, ctx);
      if (asked === null) return [];
      const { services, range, cluster } = asked;
      const outagesOf = async (s: (typeof services)[number]) =>
        (await ctx.history.outages({ cluster, namespace: s.namespace, service: s.name, ...range })).map(
          (o) => ({
            time: o.from,
            timeEnd: o.to,
            service: qualified(s),
            durationMs: o.durationMs,
            ongoing: o.ongoing,
            complete: o.complete,
          }),
        );
      const rows = await collectRows(ctx.limits, services, outagesOf, 'outages');
      return rows.sort((a, b) => a.time - b.time || compareText(a.service, b.service));
    },
  );
}
