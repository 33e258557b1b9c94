import type { MemberSource } from '../projections/types.js';
import { openEnd } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import { sourceName } from './sourceAt.js';

export interface PodMembershipOut {
  namespace: string;
  service: string;
  source: 'ENDPOINT_SLICES' | 'ENDPOINTS';
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  from: number;
  to: number | null;
}

/** Which services a pod (by uid) backed over [from, to], and in which state, one row per interval. */
export function podMembership(
  ctx: QueryContext,
  args: { podUid: string; from: number; to: number },
): PodMembershipOut[] {
  const rows = ctx
    .stmt(`SELECT k.namespace, k.name AS service, m.source, m.ip, m.ready, m.serving, m.terminating, m.valid_from, m.valid_to
      FROM endpoint_members m JOIN service_keys k ON k.id = m.service_id
      WHERE m.target_uid = ? AND m.valid_from <= ? AND m.valid_to > ? ORDER BY m.valid_from, m.id`)
    .all(args.podUid, args.to, args.from) as Record<string, unknown>[];
  return rows.map((r) => ({
    namespace: r.namespace as string,
    service: r.service as string,
    source: sourceName(r.source as MemberSource),
    ip: r.ip as string,
    ready: r.ready === 1,
    serving: r.serving === 1,
    terminating: r.terminating === 1,
    from: r.valid_from as number,
    to: openEnd(r.valid_to as number),
  }));
}
