import type { ServiceStateRow } from '../store/index.js';
import { openEnd } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import { requireRecorded, requireRecordingBegun } from './requireRecorded.js';
import type { ServiceOut } from './types.js';

function toService(r: ServiceStateRow): ServiceOut {
  return {
    cluster: r.cluster,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    type: r.type,
    clusterIP: r.clusterIp,
    selector: r.selector === null ? null : (JSON.parse(r.selector) as Record<string, string>),
    ports: JSON.parse(r.ports),
    publishNotReadyAddresses: r.publishNotReady,
    validFrom: r.validFrom,
    validTo: openEnd(r.validTo),
  };
}

/**
 * Services that existed (had a Service object) at `at`, optionally in one namespace, by name.
 * EPH_ERR_NOT_RECORDED when Services were not recorded at `at`: an empty list would look certain.
 */
export async function servicesAt(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace?: string | null; at?: number | null },
): Promise<ServiceOut[]> {
  const cluster = await ctx.cluster(args.cluster);
  const at = args.at ?? ctx.now();
  await requireRecorded(
    ctx,
    cluster,
    ['Service'],
    at,
    args.namespace ? `services in namespace ${args.namespace}` : 'services',
  );
  return (await ctx.reads.servicesAt(cluster.id, args.namespace ?? null, at)).map(toService);
}

/**
 * A service by name: its state at `at` if it existed then, else its latest state before `at`, else a
 * bare identity (a service known only from Endpoints/slices). Null when nothing was ever recorded.
 * EPH_ERR_NOT_RECORDED for a moment before Services were first recorded: nothing is known of it then.
 */
export async function serviceAt(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; name: string; at?: number | null },
): Promise<ServiceOut | null> {
  const cluster = await ctx.cluster(args.cluster);
  const key = await ctx.findService(cluster, args.namespace, args.name);
  if (!key) return null;
  const at = args.at ?? ctx.now();
  await requireRecordingBegun(ctx, cluster, 'Service', at, `service ${args.namespace}/${args.name}`);
  const r = await ctx.reads.serviceStateAt(key.id, at);
  if (r) return toService(r);
  return {
    cluster: cluster.name,
    namespace: key.namespace,
    name: key.name,
    uid: null,
    type: null,
    clusterIP: null,
    selector: null,
    ports: [],
    publishNotReadyAddresses: false,
    validFrom: null,
    validTo: null,
  };
}

/**
 * Whether the service's Service object existed at `at`: a state valid then (validFrom ≤ at <
 * validTo). False for a service known only from Endpoints or slices, or deleted by then;
 * EPH_ERR_NOT_RECORDED when Services were not recorded at `at` (false would be a guess).
 */
export async function serviceExistsAt(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; name: string; at: number },
): Promise<boolean> {
  const cluster = await ctx.cluster(args.cluster);
  await requireRecorded(ctx, cluster, ['Service'], args.at, `service ${args.namespace}/${args.name}`);
  const s = await serviceAt(ctx, { ...args, cluster: cluster.name });
  return (
    s !== null &&
    s.validFrom !== null &&
    s.validFrom <= args.at &&
    (s.validTo === null || args.at < s.validTo)
  );
}

/** Namespaces that had any recorded service. */
export async function namespaces(ctx: QueryContext, args: { cluster?: string | null }): Promise<string[]> {
  const names = await serviceNames(ctx, { cluster: args.cluster ?? null, namespace: null });
  const out: string[] = [];
  for (const s of names) if (out[out.length - 1] !== s.namespace) out.push(s.namespace);
  return out;
}

/** Names of services recorded in a namespace (any time), by namespace then name. */
export async function serviceNames(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace?: string | null },
): Promise<{ namespace: string; name: string }[]> {
  const cluster = await ctx.cluster(args.cluster);
  return ctx.reads.serviceNames(cluster.id, args.namespace ?? null);
}
