import { ephError } from '../../errors/index.js';
import type { SlimEndpoints, SlimService } from '../../model/types.js';
import type { MemberSource } from '../../projections/types.js';
import { type EndpointSetOut, endpointSetAt, type History, latestObjects } from '../../query/index.js';
import { formatTime } from '../../util/time.js';
import { type V1Endpoints, v1Endpoints } from '../format/v1Endpoints.js';

/** Which membership source answers: the query layer's choice, or one forced by `--source`. */
export const ENDPOINT_SOURCES = ['auto', 'slices', 'endpoints'] as const;
export type EndpointSourceChoice = (typeof ENDPOINT_SOURCES)[number];

export interface EndpointsView {
  set: EndpointSetOut;
  /** The v1 Endpoints object reconstructed from `set`, with the recorded object's metadata. */
  object: V1Endpoints;
}

/** The family the Endpoints controller publishes: the Service's first ipFamily, else its clusterIP's. */
function primaryFamily(svc: SlimService | null): 'IPv4' | 'IPv6' | null {
  const first = svc?.ipFamilies[0];
  if (first === 'IPv4' || first === 'IPv6') return first;
  const ip = svc?.clusterIP;
  if (!ip || ip === 'None') return null;
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

const FORCED: Record<EndpointSourceChoice, MemberSource | undefined> = {
  auto: undefined,
  slices: 'EndpointSlice',
  endpoints: 'Endpoints',
};

/**
 * The endpoints of one service (`name`), or of every service that had an Endpoints object at `at`
 * (a recorded one, a non-empty endpoint set, or a Service with a selector, for which the controller
 * keeps one), in one namespace or all (`namespace` null), sorted by namespace and name.
 * A named service never recorded, or without an Endpoints object at `at`, throws EPH_ERR_UNKNOWN_SERVICE
 * (kubectl's NotFound).
 */
export function endpointsViews(
  history: History,
  args: {
    cluster?: string | null;
    namespace: string | null;
    name: string | null;
    at: number;
    source: EndpointSourceChoice;
  },
): EndpointsView[] {
  const ctx = history.ctx;
  const cluster = ctx.cluster(args.cluster);
  const filter = { namespace: args.namespace, name: args.name };
  const key = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
  const recorded = new Map(
    latestObjects<SlimEndpoints>(ctx, cluster.id, 'Endpoints', args.at, filter).map((o) => [
      key(o),
      o.object,
    ]),
  );
  const services = new Map(
    latestObjects<SlimService>(ctx, cluster.id, 'Service', args.at, filter).map((o) => [key(o), o.object]),
  );
  const keys =
    args.name !== null && args.namespace !== null
      ? [ctx.service(cluster, args.namespace, args.name)]
      : history
          .serviceNames({ cluster: cluster.name, namespace: args.namespace })
          .map((s) => ctx.findService(cluster, s.namespace, s.name)!);
  const out: EndpointsView[] = [];
  for (const service of keys) {
    const set = endpointSetAt(ctx, cluster, service, args.at, FORCED[args.source]);
    const eo = recorded.get(key(service)) ?? null;
    const svc = services.get(key(service)) ?? null;
    const exists =
      eo !== null ||
      set.addresses.length + set.notReadyAddresses.length > 0 ||
      (svc?.selector ?? null) !== null;
    if (!exists && args.name === null) continue;
    if (!exists) {
      throw ephError(
        'EPH_ERR_UNKNOWN_SERVICE',
        `endpoints "${service.name}" not found in namespace ${service.namespace} at ${formatTime(args.at)}`,
        {
          namespace: service.namespace,
          service: service.name,
        },
      );
    }
    out.push({
      set,
      object: v1Endpoints(set, eo, { createdAt: svc?.meta.createdAt ?? null, family: primaryFamily(svc) }),
    });
  }
  return out;
}
