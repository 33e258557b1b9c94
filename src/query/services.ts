import { openEnd } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import type { ServiceOut } from './types.js';

interface ServiceRow {
  cluster: string;
  namespace: string;
  name: string;
  uid: string | null;
  type: string | null;
  cluster_ip: string | null;
  selector: string | null;
  ports: string | null;
  publish_not_ready: number | null;
  valid_from: number | null;
  valid_to: number | null;
}

function toService(r: ServiceRow): ServiceOut {
  return {
    cluster: r.cluster,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    type: r.type,
    clusterIP: r.cluster_ip,
    selector: r.selector === null ? null : (JSON.parse(r.selector) as Record<string, string>),
    ports: r.ports === null ? [] : JSON.parse(r.ports),
    publishNotReadyAddresses: r.publish_not_ready === 1,
    validFrom: r.valid_from,
    validTo: r.valid_to === null ? null : openEnd(r.valid_to),
  };
}

const COLUMNS = `c.name AS cluster, k.namespace, k.name, s.uid, s.type, s.cluster_ip, s.selector, s.ports,
  s.publish_not_ready, s.valid_from, s.valid_to`;

/** Services that existed (had a Service object) at `at`, optionally in one namespace, by name. */
export function servicesAt(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace?: string | null; at?: number | null },
): ServiceOut[] {
  const cluster = ctx.cluster(args.cluster);
  const at = args.at ?? ctx.now();
  const rows = ctx
    .stmt(`SELECT ${COLUMNS} FROM service_states s JOIN service_keys k ON k.id = s.service_id
      JOIN clusters c ON c.id = k.cluster_id
      WHERE k.cluster_id = ? AND (? IS NULL OR k.namespace = ?) AND s.valid_from <= ? AND s.valid_to > ?
      ORDER BY k.namespace, k.name`)
    .all(cluster.id, args.namespace ?? null, args.namespace ?? null, at, at) as ServiceRow[];
  return rows.map(toService);
}

/**
 * A service by name: its state at `at` if it existed then, else its latest state before `at`, else a
 * bare identity (a service known only from Endpoints/slices). Null when nothing was ever recorded.
 */
export function serviceAt(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; name: string; at?: number | null },
): ServiceOut | null {
  const cluster = ctx.cluster(args.cluster);
  const key = ctx.findService(cluster, args.namespace, args.name);
  if (!key) return null;
  const at = args.at ?? ctx.now();
  const r = ctx
    .stmt(`SELECT ${COLUMNS} FROM service_states s JOIN service_keys k ON k.id = s.service_id
      JOIN clusters c ON c.id = k.cluster_id WHERE s.service_id = ? AND s.valid_from <= ?
      ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`)
    .get(key.id, at) as ServiceRow | undefined;
  if (r) return toService(r);
  return toService({
    cluster: cluster.name,
    namespace: key.namespace,
    name: key.name,
    uid: null,
    type: null,
    cluster_ip: null,
    selector: null,
    ports: null,
    publish_not_ready: null,
    valid_from: null,
    valid_to: null,
  });
}

/** Namespaces that had any recorded service. */
export function namespaces(ctx: QueryContext, args: { cluster?: string | null }): string[] {
  const cluster = ctx.cluster(args.cluster);
  return ctx
    .stmt('SELECT DISTINCT namespace FROM service_keys WHERE cluster_id = ? ORDER BY namespace')
    .pluck()
    .all(cluster.id) as string[];
}

/** Names of services recorded in a namespace (any time). */
export function serviceNames(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace?: string | null },
): { namespace: string; name: string }[] {
  const cluster = ctx.cluster(args.cluster);
  return ctx
    .stmt(
      'SELECT namespace, name FROM service_keys WHERE cluster_id = ? AND (? IS NULL OR namespace = ?) ORDER BY namespace, name',
    )
    .all(cluster.id, args.namespace ?? null, args.namespace ?? null) as { namespace: string; name: string }[];
}
