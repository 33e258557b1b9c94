import type { History } from '../../query/index.js';
import { checkChanges } from './allChanges.js';
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

/** The band of a service that shows when nothing was recorded about it. */
export const NOT_RECORDED = '(not recorded)';

/**
 * The membership of one service over the range as state-timeline bands: each endpoint's intervals
 * (`History.memberIntervals`: its stored rows clipped to the range), contiguous ones in the same
 * state joined (a change of ports or node keeps the band), so from ≤ time < timeEnd ≤ to. More than
 * `limit` changes in the range is EPH_ERR_RANGE_TOO_LARGE. Where the recorder had no view of the
 * Service kind or the source kind, the state is `unknown`: each endpoint's band is cut there, and
 * the service gets a band of its own, pod `(not recorded)`, over each such span — so an unrecorded
 * period never reads as "not an endpoint".
 */
export async function memberIntervals(
  history: History,
  cluster: string | null,
  service: ServiceRef,
  range: Range,
  limit: number,
): Promise<MembershipRow[]> {
  const label = qualified(service);
  const asked = await history.memberIntervals({
    cluster,
    namespace: service.namespace,
    service: service.name,
    ...range,
  });
  checkChanges(service, asked.changes, limit);
  const out: MembershipRow[] = [];
  for (const e of asked.endpoints) {
    let band: MembershipRow | null = null;
    for (const i of e.intervals) {
      const state = memberState(i);
      if (band !== null && band.timeEnd === i.from && band.state === state) {
        band.timeEnd = i.to;
        continue;
      }
      if (band !== null) out.push(band);
      band = {
        time: i.from,
        timeEnd: i.to,
        pod: podLabel(e.ip, i.targetRef),
        ip: e.ip,
        service: label,
        state,
      };
    }
    if (band !== null) out.push(band);
  }
  return [
    ...out.flatMap((row) => cutUnknown(row, asked.unknown)),
    ...asked.unknown.map(([time, timeEnd]) => ({
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
