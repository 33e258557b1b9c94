import { ephError } from '../errors/index.js';
import { type V1Endpoints, v1Endpoints } from '../kube/index.js';
import type { SlimEndpoints, SlimService } from '../model/types.js';
import type { MemberSource } from '../projections/types.js';
import { formatTime } from '../util/time.js';
import { endpointSetAt } from './endpointsAt.js';
import type { History } from './History.js';
import { latestObjects } from './latestObjects.js';
import type { EndpointSetOut } from './types.js';

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

/** What `get`/`describe endpoints` can say at T: the objects known to exist, and the unknown ones. */
export interface EndpointsAnswer {
  views: EndpointsView[];
  /**
   * Services with no Endpoints object known at `at` while `at` fell in a recording gap of a kind the
   * answer depends on (or before recording began): absent from `views` because unknown, not absent.
   */
  unknown: EndpointSetOut[];
}

/**
 * The endpoints of one service (`name`), or of every service that had an Endpoints object at `at`
 * (a recorded one, a non-empty endpoint set, or a Service with a selector, for which the controller
 * keeps one), in one namespace or all (`namespace` null), sorted by namespace and name.
 * A named service never recorded, or without an Endpoints object at a recorded `at`, throws
 * EPH_ERR_UNKNOWN_SERVICE (kubectl's NotFound); without one at an unrecorded `at`, it is `unknown`.
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
): EndpointsAnswer {
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
  const named = args.name !== null && args.namespace !== null;
  if (named && !ctx.findService(cluster, args.namespace!, args.name!)) {
    // never seen: absent if the Service kind was watched at `at`, unknown if it was not
    const known = history.coverageAt({ cluster: cluster.name, kinds: ['Service'], at: args.at });
    if (!known.complete)
      return {
        views: [],
        unknown: [neverSeen(cluster.name, args.namespace!, args.name!, args.at, known.gaps)],
      };
  }
  const keys = named
    ? [ctx.service(cluster, args.namespace!, args.name!)]
    : history
        .serviceNames({ cluster: cluster.name, namespace: args.namespace })
        .map((s) => ctx.findService(cluster, s.namespace, s.name)!);
  const out: EndpointsView[] = [];
  const unknown: EndpointSetOut[] = [];
  for (const service of keys) {
    const set = endpointSetAt(ctx, cluster, service, args.at, FORCED[args.source]);
    const eo = recorded.get(key(service)) ?? null;
    const svc = services.get(key(service)) ?? null;
    const exists =
      eo !== null ||
      set.addresses.length + set.notReadyAddresses.length > 0 ||
      (svc?.selector ?? null) !== null;
    if (!exists && !set.complete) {
      unknown.push(set);
      continue;
    }
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
  return { views: out, unknown };
}

/** The (empty, unknown) answer about a service the database never saw, asked about unrecorded time. */
function neverSeen(
  cluster: string,
  namespace: string,
  service: string,
  at: number,
  gaps: EndpointSetOut['gaps'],
): EndpointSetOut {
  const empty = { addresses: [], notReadyAddresses: [], ports: [], lastChangeAt: null };
  return { cluster, namespace, service, at, source: 'NONE', complete: false, gaps, ...empty };
}
