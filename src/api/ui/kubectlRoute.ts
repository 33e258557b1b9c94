import type { FastifyInstance } from 'fastify';
import { ephError } from '../../errors/index.js';
import { describeEndpoints, endpointsTable } from '../../kube/index.js';
import { endpointsViews } from '../../query/index.js';
import { notRecorded } from '../../render/provenance.js';
import type { ApiContext } from '../context.js';
import { parseAt, parseCluster, type Query, querySchema, single } from '../grafana/params.js';

/** What kubectl would have printed for one service's endpoints at one moment. */
export interface KubectlText {
  at: number;
  /** `kubectl get endpoints NAME -n NS`. */
  get: string;
  /** `kubectl describe endpoints NAME -n NS`. */
  describe: string;
}

const QUERY = ['namespace', 'service', 'at', 'cluster'] as const;

/**
 * `GET kubectl?namespace=&service=&at=&cluster=`: the endpoint set at `at` (default now) as
 * `kubectl get endpoints` and `kubectl describe endpoints` print it, from the CLI's own printers
 * (the same text as `endpoints-history get/describe endpoints --at`). Completeness is not repeated
 * here: the page reads it from GraphQL with the set itself.
 */
export function kubectlRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>(
    '/kubectl',
    { schema: querySchema(QUERY) },
    async (request): Promise<KubectlText> => {
      const query = request.query;
      const namespace = single(query, 'namespace');
      const service = single(query, 'service');
      if (namespace === undefined || service === undefined) {
        throw ephError('EPH_ERR_BAD_ARGUMENT', 'kubectl needs namespace= and service=', {});
      }
      const at = parseAt(query, ctx);
      const { views, unknown } = await endpointsViews(ctx.history, {
        cluster: parseCluster(query),
        namespace,
        name: service,
        at,
        source: 'auto',
      });
      const [view] = views;
      if (!view) {
        const what = `endpoints "${service}" in namespace ${namespace}`;
        throw notRecorded(what, `at ${new Date(at).toISOString()}`, unknown[0]?.gaps ?? [], false);
      }
      return {
        at,
        get: endpointsTable([view.object], at, false),
        describe: describeEndpoints(view.object),
      };
    },
  );
}
