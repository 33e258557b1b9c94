import type { FastifyInstance } from 'fastify';
import type { EndpointSource } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { collectRows } from '../collectRows.js';
import { NOT_RECORDED } from '../memberIntervals.js';
import { podLabel } from '../memberState.js';
import { parseAt, parseCluster, type Query, querySchema } from '../params.js';
import { qualified, selectServices } from '../selectServices.js';

/**
 * One endpoint of the set at `at`, flat for a table panel; or, for a service whose set is empty AND
 * unknown (`at` in a recording gap), one row with pod `(not recorded)` and nulls, so that the table
 * shows the unknown instead of showing nothing.
 */
export interface EndpointAtRow {
  service: string;
  pod: string;
  ip: string;
  node: string | null;
  zone: string | null;
  ready: boolean | null;
  serving: boolean | null;
  terminating: boolean | null;
  /** Since when this endpoint has had exactly these attributes (epoch ms). */
  since: number | null;
  source: EndpointSource;
  /** False when `at` falls in a recording gap: the set may be missing changes. */
  complete: boolean;
  ports: string;
}

/**
 * `GET endpoints-at?namespace=&service=&at=&cluster=`: the endpoint set of each chosen service as of
 * `at` (default now), ready and not-ready endpoints together, by service then IP order; at most
 * `maxRows` rows.
 */
const QUERY = ['namespace', 'service', 'at', 'cluster'] as const;

export function endpointsAtRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/endpoints-at',
    { schema: querySchema(QUERY) },
    async (request): Promise<EndpointAtRow[]> => {
      const query = request.query;
      const at = parseAt(query, ctx);
      const cluster = parseCluster(query);
      return collectRows(
        ctx.limits,
        await selectServices(ctx.history, query),
        async (s): Promise<EndpointAtRow[]> => {
          const set = await ctx.history.endpointsAt({ cluster, namespace: s.namespace, service: s.name, at });
          const all = [...set.addresses, ...set.notReadyAddresses];
          if (all.length === 0 && !set.complete) {
            const unknown = { ready: null, serving: null, terminating: null, since: null };
            return [
              {
                service: qualified(s),
                pod: NOT_RECORDED,
                ip: '',
                node: null,
                zone: null,
                ...unknown,
                source: set.source,
                complete: false,
                ports: '',
              },
            ];
          }
          return all.map((a) => ({
            service: qualified(s),
            pod: podLabel(a.ip, a.targetRef),
            ip: a.ip,
            node: a.nodeName,
            zone: a.zone,
            ready: a.ready,
            serving: a.serving,
            terminating: a.terminating,
            since: a.since,
            source: set.source,
            complete: set.complete,
            ports: a.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`).join(', '),
          }));
        },
        'endpoints-at',
      );
    },
  );
}
