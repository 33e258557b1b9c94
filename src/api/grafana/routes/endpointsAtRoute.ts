import type { FastifyInstance } from 'fastify';
import type { EndpointSource } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { collectRows } from '../collectRows.js';
import { podLabel } from '../memberState.js';
import { parseAt, parseCluster, type Query } from '../params.js';
import { qualified, selectServices } from '../selectServices.js';

/** One endpoint of the set at `at`, flat for a table panel. */
export interface EndpointAtRow {
  service: string;
  pod: string;
  ip: string;
  node: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Since when this endpoint has had exactly these attributes (epoch ms). */
  since: number;
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
export function endpointsAtRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/endpoints-at', async (request): Promise<EndpointAtRow[]> => {
    const query = request.query as Query;
    const at = parseAt(query, ctx);
    const cluster = parseCluster(query);
    return collectRows(
      ctx.limits,
      selectServices(ctx.history, query),
      (s) => {
        const set = ctx.history.endpointsAt({ cluster, namespace: s.namespace, service: s.name, at });
        return [...set.addresses, ...set.notReadyAddresses].map((a) => ({
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
  });
}
