import type { MemberSource } from '../projections/types.js';
import { compareText } from '../util/compareText.js';
import { coverageAt } from './coverage.js';
import { ipSortKey } from './ipSortKey.js';
import { memberRowsAt, toAddress } from './memberRows.js';
import type { ClusterRef, QueryContext, ServiceKeyRow } from './QueryContext.js';
import { answerKinds, sourceAt, sourceName } from './sourceAt.js';
import type { EndpointAddressOut, EndpointPortOut, EndpointSetOut } from './types.js';

export interface EndpointsAtArgs {
  cluster?: string | null;
  namespace: string;
  service: string;
  at?: number | null;
  /** The answer will describe the pods behind the addresses: its completeness covers the Pod kind too. */
  podDetails?: boolean;
}

function sortByIp(addresses: EndpointAddressOut[]): EndpointAddressOut[] {
  const keyed = addresses.map((a) => ({ a, k: `${ipSortKey(a.ip)}\u0000${a.targetRef?.name ?? ''}` }));
  keyed.sort((x, y) => compareText(x.k, y.k));
  return keyed.map((x) => x.a);
}

/**
 * The endpoint set of a service as of `at` (default now): every membership row with
 * valid_from ≤ at < valid_to, from EndpointSlices when the service had slice history by then, else
 * from v1 Endpoints. Ready addresses and not-ready ones are listed apart, as kubectl does.
 * `complete` holds when every kind the answer depends on was covered at `at` (`answerKinds`), and
 * `gaps` lists the gap of each kind that was not.
 */
export function endpointsAt(ctx: QueryContext, args: EndpointsAtArgs): EndpointSetOut {
  const cluster = ctx.cluster(args.cluster);
  const service = ctx.service(cluster, args.namespace, args.service);
  return endpointSetAt(ctx, cluster, service, args.at ?? ctx.now(), undefined, {
    podDetails: args.podDetails ?? false,
  });
}

export function endpointSetAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  service: ServiceKeyRow,
  at: number,
  forced?: MemberSource | null,
  options: { podDetails?: boolean } = {},
): EndpointSetOut {
  const source = forced === undefined ? sourceAt(service, at) : forced;
  const rows = source ? memberRowsAt(ctx, service.id, source, at) : [];
  const addresses = sortByIp(rows.map((r) => toAddress(r, ctx)));
  const { complete, gaps } = coverageAt(ctx, cluster, answerKinds(source, options), at);
  return {
    cluster: cluster.name,
    namespace: service.namespace,
    service: service.name,
    at,
    source: sourceName(source),
    complete,
    gaps,
    addresses: addresses.filter((a) => a.ready),
    notReadyAddresses: addresses.filter((a) => !a.ready),
    ports: unionPorts(addresses),
    lastChangeAt: source ? lastChangeAt(ctx, service.id, source, at) : null,
  };
}

function unionPorts(addresses: EndpointAddressOut[]): EndpointPortOut[] {
  const seen = new Map<string, EndpointPortOut>();
  for (const a of addresses)
    for (const p of a.ports) seen.set(`${p.name}\u0000${p.port}\u0000${p.protocol}`, p);
  return [...seen.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
}

/** The last time at or before `at` that a row of the service opened or closed. */
function lastChangeAt(ctx: QueryContext, serviceId: number, source: MemberSource, at: number): number | null {
  return ctx
    .stmt(`SELECT MAX(
        (SELECT MAX(valid_from) FROM endpoint_members WHERE service_id = @id AND source = @source AND valid_from <= @at),
        COALESCE((SELECT MAX(valid_to) FROM endpoint_members WHERE service_id = @id AND source = @source AND valid_to <= @at), 0))`)
    .pluck()
    .get({ id: serviceId, source, at }) as number | null;
}
