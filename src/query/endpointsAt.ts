import type { MemberSource } from '../projections/index.js';
import { compareText } from '../util/compareText.js';
import { coverageAt } from './coverage.js';
import { ipSortKey } from './ipSortKey.js';
import { toAddress } from './memberRows.js';
import type { ClusterRef, QueryContext, ServiceKey } from './QueryContext.js';
import { answerKinds, sourceAt, sourceName } from './sourceAt.js';
import type { EndpointAddressOut, EndpointPortOut, EndpointSetOut } from './types.js';

export interface EndpointsAtArgs {
  cluster?: string | null;
  namespace: string;
  service: string;
  at?: number | null;
  /** The answer will describe the pods behind the addresses: its completeness covers the Pod kind too. */
  podDetails?: boolean;
  /** Answer from this source instead of the one in force at `at` (`--source` of the CLI). */
  source?: MemberSource;
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
export async function endpointsAt(ctx: QueryContext, args: EndpointsAtArgs): Promise<EndpointSetOut> {
  const cluster = await ctx.cluster(args.cluster);
  const service = await ctx.service(cluster, args.namespace, args.service);
  return endpointSetAt(ctx, cluster, service, args.at ?? ctx.now(), args.source, {
    podDetails: args.podDetails ?? false,
  });
}

/** {@link endpointsAt} of a known service, from `forced` when given (null: no source) instead of the one in force. */
export async function endpointSetAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  service: ServiceKey,
  at: number,
  forced?: MemberSource | null,
  options: { podDetails?: boolean } = {},
): Promise<EndpointSetOut> {
  const source = forced === undefined ? sourceAt(service, at) : forced;
  const rows = source ? await ctx.reads.membersAt(service.id, source, at) : [];
  const addresses = sortByIp(rows.map((r) => toAddress(r, ctx)));
  const { complete, gaps } = await coverageAt(ctx, cluster, answerKinds(source, options), at);
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
    lastChangeAt: source ? await ctx.reads.lastMemberChange(service.id, source, at) : null,
  };
}

function unionPorts(addresses: EndpointAddressOut[]): EndpointPortOut[] {
  const seen = new Map<string, EndpointPortOut>();
  for (const a of addresses)
    for (const p of a.ports) seen.set(`${p.name}\u0000${p.port}\u0000${p.protocol}`, p);
  return [...seen.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
}
