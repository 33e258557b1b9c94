import { ephError } from '../../errors/index.js';
import type { History } from '../../query/index.js';
import { compareText } from '../../util/compareText.js';
import type { ApiContext } from '../context.js';
import { multi, parseCluster, parseRange, type Query, type Range, type ServiceRangeQuery } from './params.js';

export interface ServiceRef {
  namespace: string;
  name: string;
}

/** `namespace/name`, the series label every route uses for a service. */
export const qualified = (s: ServiceRef): string => `${s.namespace}/${s.name}`;

const byName = (a: ServiceRef, b: ServiceRef): number =>
  compareText(a.namespace, b.namespace) || compareText(a.name, b.name);

/** Every recorded service of the cluster, or none when nothing has been recorded at all. */
export async function recordedServices(history: History, cluster: string | null): Promise<ServiceRef[]> {
  if (cluster === null && (await history.clusters()).length === 0) return [];
  return history.serviceNames({ cluster });
}

/**
 * The services a request names through `namespace` and `service` (both multi-value, absent = all).
 * A service is a bare name, looked up in the chosen namespaces, or `namespace/name`, taken as is.
 * A named service that matches nothing is EPH_ERR_UNKNOWN_SERVICE; "all" in an empty namespace is
 * simply no service. Sorted by namespace then name, without duplicates.
 */
export async function selectServices(
  history: History,
  query: Query<'namespace' | 'service' | 'cluster'>,
): Promise<ServiceRef[]> {
  const namespaces = multi(query, 'namespace');
  const names = multi(query, 'service');
  const recorded = await recordedServices(history, parseCluster(query));
  const inScope = namespaces === null ? recorded : recorded.filter((s) => namespaces.includes(s.namespace));
  if (names === null) return inScope;
  const chosen = new Map<string, ServiceRef>();
  for (const wanted of names) {
    const slash = wanted.indexOf('/');
    const matches =
      slash > 0 ? recorded.filter((s) => qualified(s) === wanted) : inScope.filter((s) => s.name === wanted);
    if (matches.length === 0) {
      throw ephError('EPH_ERR_UNKNOWN_SERVICE', `no history recorded for service "${wanted}"`, {
        service: wanted,
        namespace: namespaces,
      });
    }
    for (const m of matches) chosen.set(qualified(m), m);
  }
  return [...chosen.values()].sort(byName);
}

/** What a per-service range request names: its services, its range and its cluster. */
export interface ServiceRangeRequest {
  services: ServiceRef[];
  range: Range;
  cluster: string | null;
}

/**
 * The start of every per-service range route: the range, the services (validated even when the
 * range is empty, so an unknown service is an error either way) and the cluster. Null when the range
 * holds nothing to answer (it lies wholly in the future).
 */
export async function serviceRangeRequest(
  query: ServiceRangeQuery,
  ctx: ApiContext,
): Promise<ServiceRangeRequest | null> {
  const range = parseRange(query, ctx);
  const services = await selectServices(ctx.history, query);
  if (range === null) return null;
  return { services, range, cluster: parseCluster(query) };
}
