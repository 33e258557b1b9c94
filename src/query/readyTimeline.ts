import type { MemberSource } from '../projections/index.js';
import { getOrCreate } from '../util/getOrCreate.js';
import type { QueryContext } from './QueryContext.js';

export interface ReadyValue {
  time: number;
  ready: number;
  notReady: number;
}

/**
 * The number of ready and not-ready endpoints of a service over [from, to] as a step function: the
 * value at `from`, then one point per instant the value changed. All row changes at one instant are
 * applied together, so a row replaced by another at the same time causes no false dip.
 */
export async function readyTimeline(
  ctx: QueryContext,
  serviceId: number,
  source: MemberSource | null,
  from: number,
  to: number,
): Promise<ReadyValue[]> {
  if (!source) return [{ time: from, ready: 0, notReady: 0 }];
  const rows = await ctx.reads.membersOverlapping(serviceId, source, from, to);
  let ready = 0;
  let notReady = 0;
  const deltas = new Map<number, { ready: number; notReady: number }>();
  const bump = (t: number, r: number, n: number) => {
    const d = getOrCreate(deltas, t, () => ({ ready: 0, notReady: 0 }));
    d.ready += r;
    d.notReady += n;
  };
  for (const row of rows) {
    const r = row.ready ? 1 : 0;
    const n = 1 - r;
    if (row.validFrom <= from) {
      ready += r;
      notReady += n;
    } else {
      bump(row.validFrom, r, n);
    }
    if (row.validTo <= to) bump(row.validTo, -r, -n);
  }
  const out: ReadyValue[] = [{ time: from, ready, notReady }];
  for (const t of [...deltas.keys()].sort((a, b) => a - b)) {
    const d = deltas.get(t)!;
    if (d.ready === 0 && d.notReady === 0) continue;
    ready += d.ready;
    notReady += d.notReady;
    out.push({ time: t, ready, notReady });
  }
  return out;
}
