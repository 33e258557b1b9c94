import { ephError } from '../errors/index.js';
import type { SlimEndpoints, SlimService } from '../model/types.js';
import type { MemberSource } from '../projections/index.js';
import { formatTime } from '../util/time.js';
import { coverageAt } from './coverage.js';
import { endpointSetAt } from './endpointsAt.js';
import type { QueryContext } from './QueryContext.js';
import type { EndpointSetOut } from './types.js';

/** One Endpoints object that existed at T: its endpoint set and the recorded objects behind it. */
export interface EndpointsObjectOut {
  set: EndpointSetOut;
  /** The v1 Endpoints object as last recorded at or before T (null: not recorded, e.g. RBAC lacks it). */
  endpoints: SlimEndpoints | null;
  /** The Service object at T, if one existed. */
  service: SlimService | null;
}

/** What can be said at T about the Endpoints objects asked for: those known to exist, and the unknown. */
export interface EndpointsObjectsOut {
  objects: EndpointsObjectOut[];
  /**
   * Services with no Endpoints object known at `at` while `at` fell in a recording gap of a kind the
   * answer depends on (or before recording began): absent from `objects` because unknown, not absent.
   */
  unknown: EndpointSetOut[];
}

export interface EndpointsObjectsArgs {
  cluster?: string | null;
  /** null: every namespace. */
  namespace: string | null;
  /** null: every service (of the namespace). */
  name: string | null;
  at: number;
  /** Answer from this source instead of the one in force at `at`. */
  source?: MemberSource;
}

const key = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;

/**
 * The Endpoints objects of one service (`name`), or of every service that had one at `at` — a
 * recorded object, a non-empty endpoint set, or a Service with a selector, for which the controller
 * keeps one — in one namespace or all, sorted by namespace and name (what `kubectl get endpoints`
 * lists). A named service never recorded, or without an Endpoints object at a recorded `at`, is
 * EPH_ERR_UNKNOWN_SERVICE (kubectl's NotFound); without one at an unrecorded `at`, it is `unknown`.
 */
export async function endpointsObjects(
  ctx: QueryContext,
  args: EndpointsObjectsArgs,
): Promise<EndpointsObjectsOut> {
  const cluster = await ctx.cluster(args.cluster);
  const filter = { namespace: args.namespace, name: args.name };
  const recorded = new Map(
    (await ctx.reads.latestObjects<SlimEndpoints>(cluster.id, 'Endpoints', args.at, filter)).map((o) => [
      key(o),
      o.object,
    ]),
  );
  const services = new Map(
    (await ctx.reads.latestObjects<SlimService>(cluster.id, 'Service', args.at, filter)).map((o) => [
      key(o),
      o.object,
    ]),
  );
  const named = args.name !== null && args.namespace !== null;
  if (named && !(await ctx.findService(cluster, args.namespace!, args.name!))) {
    // never seen: absent if the Service kind was watched at `at`, unknown if it was not
    const known = await coverageAt(ctx, cluster, ['Service'], args.at);
    if (!known.complete)
      return {
        objects: [],
        unknown: [neverSeen(cluster.name, args.namespace!, args.name!, args.at, known.gaps)],
      };
  }
  const keys = named
    ? [await ctx.service(cluster, args.namespace!, args.name!)]
    : await Promise.all(
        (await ctx.reads.serviceNames(cluster.id, args.namespace)).map(
          async (s) => (await ctx.findService(cluster, s.namespace, s.name))!,
        ),
      );
  const objects: EndpointsObjectOut[] = [];
  const unknown: EndpointSetOut[] = [];
  for (const service of keys) {
    const set = await endpointSetAt(ctx, cluster, service, args.at, args.source);
    const endpoints = recorded.get(key(service)) ?? null;
    const svc = services.get(key(service)) ?? null;
    const exists =
      endpoints !== null ||
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
        { namespace: service.namespace, service: service.name },
      );
    }
    objects.push({ set, endpoints, service: svc });
  }
  return { objects, unknown };
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
