import type { StoredEvent } from '../store/index.js';
import { podsByIP } from './pods.js';
import type { QueryContext } from './QueryContext.js';
import { type ServiceTimeline, serviceTimeline } from './serviceTimeline.js';
import type { MembershipChangeOut } from './types.js';

export interface IpHolding {
  ip: string;
  pod: string;
  namespace: string;
  uid: string;
  node: string | null;
  from: number;
  to: number | null;
}

export interface EvidencePack {
  format: 'endpoints-history/evidence-pack';
  version: 1;
  generatedAt: number;
  /** The cluster the service belongs to (a fleet store holds several). */
  cluster: string;
  question: string;
  timeline: ServiceTimeline;
  summary: {
    changes: number;
    added: number;
    removed: number;
    changed: number;
    /** Null when not recorded (the start or end fell in a recording gap, or before recording began). */
    readyAtStart: number | null;
    readyAtEnd: number | null;
    /** Over the recorded parts of the range only; null when none of it was recorded. */
    readyMin: number | null;
    readyMax: number | null;
    outages: number;
    outageMs: number;
  };
  /** Which pod held each IP that appears in the range, during the range. */
  ipMap: IpHolding[];
  /** Every event a change cites, by position, with the recorded (slimmed) object. */
  events: StoredEvent[];
}

const count = (cs: MembershipChangeOut[], type: MembershipChangeOut['type']) =>
  cs.filter((c) => c.type === type).length;

async function holdings(
  ctx: QueryContext,
  cluster: string | null,
  ips: Iterable<string>,
  from: number,
  to: number,
): Promise<IpHolding[]> {
  const out: IpHolding[] = [];
  for (const ip of ips) {
    for (const h of await podsByIP(ctx, { cluster, ip, from, to })) {
      out.push({
        ip: h.ip,
        pod: h.pod.name,
        namespace: h.pod.namespace,
        uid: h.pod.uid,
        node: h.pod.nodeName,
        from: h.from,
        to: h.to,
      });
    }
  }
  return out;
}

/**
 * The postmortem evidence for one service over [from, to]: the timeline (changes, ready counts,
 * outages, gaps), the IP map, and the raw events behind every change so each statement can be traced
 * to `events.position`. Read-only.
 */
export async function evidencePack(
  ctx: QueryContext,
  args: {
    cluster?: string | null;
    namespace: string;
    service: string;
    from: number;
    to: number;
    now: number;
  },
): Promise<EvidencePack> {
  const t = await serviceTimeline(ctx, args);
  const ips = new Set<string>([
    ...t.changes.map((c) => c.ip),
    ...[...t.start.addresses, ...t.start.notReadyAddresses].map((a) => a.ip),
  ]);
  const positions = [...new Set(t.changes.map((c) => c.position))].sort((a, b) => a - b);
  const events = await ctx.reads.events(positions);
  const ready = t.readyCount.filter((p) => p.complete).map((p) => p.ready);
  return {
    format: 'endpoints-history/evidence-pack',
    version: 1,
    generatedAt: args.now,
    cluster: t.cluster,
    question: `What happened to the endpoints of service ${args.namespace}/${args.service} in cluster ${t.cluster} between the two times?`,
    timeline: t,
    summary: {
      changes: t.changes.length,
      added: count(t.changes, 'ADDED'),
      removed: count(t.changes, 'REMOVED'),
      changed: count(t.changes, 'CHANGED'),
      readyAtStart: t.start.complete ? t.start.addresses.length : null,
      readyAtEnd: t.end.complete ? t.end.addresses.length : null,
      readyMin: ready.length > 0 ? Math.min(...ready) : null,
      readyMax: ready.length > 0 ? Math.max(...ready) : null,
      outages: t.outages.length,
      outageMs: t.outages.reduce((n, o) => n + o.durationMs, 0),
    },
    // the service's own cluster: an IP means nothing in another one
    ipMap: await holdings(ctx, t.cluster, [...ips].sort(), args.from, args.to),
    events,
  };
}
