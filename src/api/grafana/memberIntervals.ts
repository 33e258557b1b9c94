import type { EndpointAddressOut, History } from '../../query/index.js';
import { allChanges } from './allChanges.js';
import { type MemberState, memberState, podLabel } from './memberState.js';
import type { Range } from './params.js';
import { qualified, type ServiceRef } from './selectServices.js';

/** One band segment of the state timeline: `pod` was in `state` for `service` over [time, timeEnd]. */
export interface MembershipRow {
  time: number;
  timeEnd: number;
  pod: string;
  ip: string;
  service: string;
  state: MemberState;
}

interface Open {
  time: number;
  pod: string;
  ip: string;
  state: MemberState;
}

const identity = (ip: string, uid: string | null | undefined): string => `${ip}\u0000${uid ?? ''}`;

/** The band of a service that shows when nothing was recorded about it. */
export const NOT_RECORDED = '(not recorded)';

/**
 * The membership of one service over the range as closed intervals: the set at `from` (when it
 * comes from the same source as the changes, i.e. the source the service had at `to`), then every
 * change after `from`. A change that keeps the state (ports, node) extends the interval; intervals
 * still open are closed at `to`, and empty ones are dropped, so from ≤ time < timeEnd ≤ to.
 * Where the recorder had no view of the Service kind or the source kind, the state is `unknown`:
 * each endpoint's interval is cut there, and the service gets a band of its own, pod
 * `(not recorded)`, over each such span — so an unrecorded period never reads as "not an endpoint".
 */
export function memberIntervals(
  history: History,
  cluster: string | null,
  service: ServiceRef,
  range: Range,
  limit: number,
): MembershipRow[] {
  const label = qualified(service);
  const ask = { cluster, namespace: service.namespace, service: service.name };
  const atFrom = history.endpointsAt({ ...ask, at: range.from });
  const sameSource = atFrom.source === history.endpointsAt({ ...ask, at: range.to }).source;
  const open = new Map<string, Open>();
  const start = (
    key: string,
    time: number,
    a: Pick<EndpointAddressOut, 'ip' | 'targetRef'>,
    state: MemberState,
  ) => open.set(key, { time, pod: podLabel(a.ip, a.targetRef), ip: a.ip, state });
  const out: MembershipRow[] = [];
  const close = (key: string, at: number) => {
    const o = open.get(key);
    if (!o) return;
    open.delete(key);
    if (at > o.time)
      out.push({ time: o.time, timeEnd: at, pod: o.pod, ip: o.ip, service: label, state: o.state });
  };
  if (sameSource) {
    for (const a of [...atFrom.addresses, ...atFrom.notReadyAddresses]) {
      start(identity(a.ip, a.targetRef?.uid), range.from, a, memberState(a));
    }
  }
  for (const c of allChanges(history, cluster, service, range, limit)) {
    if (c.at <= range.from) continue; // already in the set at `from`
    const key = identity(c.ip, c.targetRef?.uid);
    if (c.after === null) {
      close(key, c.at);
      continue;
    }
    const next = memberState(c.after);
    if (open.get(key)?.state === next) continue;
    close(key, c.at);
    start(key, c.at, c, next);
  }
  for (const key of [...open.keys()]) close(key, range.to);
  const spans = history.unknownSpans({ ...ask, ...range });
  return [
    ...out.flatMap((row) => cutUnknown(row, spans)),
    ...spans.map(([time, timeEnd]) => ({
      time,
      timeEnd,
      pod: NOT_RECORDED,
      ip: '',
      service: label,
      state: 'unknown' as const,
    })),
  ];
}

/** A row split at the edges of the unknown spans, the parts inside them in state `unknown`. */
function cutUnknown(row: MembershipRow, spans: readonly [number, number][]): MembershipRow[] {
  const out: MembershipRow[] = [];
  let time = row.time;
  for (const [s, e] of spans) {
    if (e <= time || s >= row.timeEnd) continue;
    if (s > time) out.push({ ...row, time, timeEnd: s });
    const end = Math.min(e, row.timeEnd);
    out.push({ ...row, time: Math.max(s, time), timeEnd: end, state: 'unknown' });
    time = end;
  }
  if (time < row.timeEnd) out.push({ ...row, time });
  return out;
}
