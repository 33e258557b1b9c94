import type { ServiceTimeline } from '../../query/index.js';
import { changeDetail, eventNumber } from '../../query/index.js';
import { CHANGE_MARK, targetText } from '../../render/changeText.js';
import { gapText, SOURCE_LABEL } from '../../render/provenance.js';
import { humanSpan, humanTime } from '../../render/times.js';
import { alignRows } from './alignRows.js';

interface Entry {
  time: number;
  order: number;
  cells: string[];
}

const counts = (ready: number, notReady: number) => `${ready} ready, ${notReady} not ready`;

/** One line per recording gap, change, ready-count change and outage edge, in time order. */
export function timelineEntries(t: ServiceTimeline, local: boolean): string[][] {
  const at = (ms: number) => humanTime(ms, local);
  const entries: Entry[] = [];
  for (const g of t.gaps) {
    const from = g.from ?? t.from;
    const to = g.to === null ? 'open end' : at(g.to);
    const why = [g.kind, g.reason].filter(Boolean).join(', ');
    entries.push({
      time: from,
      order: 0,
      cells: [at(from), '⚠', `recording gap ${at(from)}–${to} (${why}): changes may be missing`],
    });
  }
  for (const c of t.changes) {
    entries.push({
      time: c.at,
      order: 1,
      cells: [
        at(c.at),
        CHANGE_MARK[c.type],
        c.ip,
        targetText(c.targetRef, t.namespace),
        `${changeDetail(c)}  [event ${eventNumber(c.position)}]`,
      ],
    });
  }
  // a point where only the knowledge changed (a gap's edges) repeats the count: the ⚠ line says it
  t.readyCount.forEach((p, i) => {
    const before = t.readyCount[i - 1];
    if (!before || (before.ready === p.ready && before.notReady === p.notReady)) return;
    entries.push({ time: p.time, order: 2, cells: [at(p.time), '=', counts(p.ready, p.notReady)] });
  });
  for (const o of t.outages) {
    const unsure = o.complete
      ? ''
      : ' (overlaps a recording gap: part of it may be unknown rather than down)';
    entries.push({ time: o.from, order: 3, cells: [at(o.from), '✖', `OUTAGE: no ready endpoints${unsure}`] });
    if (!o.ongoing)
      entries.push({
        time: o.to,
        order: 4,
        cells: [at(o.to), '✔', `outage over after ${humanSpan(o.durationMs)}`],
      });
  }
  entries.sort((a, b) => a.time - b.time || a.order - b.order);
  return entries.map((e) => e.cells);
}

/**
 * The count at one end of the range: the counts when recorded; "not recorded" (with the gap) when
 * nothing was recorded before that moment; the last recorded counts, marked, inside a later gap.
 */
function endCounts(set: ServiceTimeline['start'], local: boolean): string {
  const value = counts(set.addresses.length, set.notReadyAddresses.length);
  if (set.complete) return value;
  const gaps = set.gaps.map((g) => gapText(g, local)).join('; ') || 'unknown';
  return set.gaps.some((g) => g.from === null)
    ? `not recorded (recording gap ${gaps})`
    : `unknown, ${value} when last recorded (recording gap ${gaps})`;
}

/** The readable timeline `history service` prints. */
export function timelineText(t: ServiceTimeline, local: boolean): string {
  const first = t.readyCount[0];
  const start = first && !t.start.complete ? endCounts(t.start, local) : null;
  const status = t.complete
    ? 'complete'
    : `INCOMPLETE: ${t.gaps.length} recording gap${t.gaps.length === 1 ? '' : 's'}`;
  const ongoing = t.outages.some((o) => o.ongoing) ? ' (an outage is still going on)' : '';
  return [
    `service ${t.namespace}/${t.service}  ${humanTime(t.from, local)} → ${humanTime(t.to, local)}`,
    `cluster ${t.cluster} · source ${SOURCE_LABEL[t.source]} · ${status}`,
    `at start (including changes at that instant): ${start ?? (first ? counts(first.ready, first.notReady) : 'unknown')}`,
    '',
    alignRows(timelineEntries(t, local)).trimEnd() || '(no changes in this range)',
    '',
    `at end: ${endCounts(t.end, local)} · ${t.changes.length} change${t.changes.length === 1 ? '' : 's'} · ${t.outages.length} outage${t.outages.length === 1 ? '' : 's'}${ongoing}`,
    '',
  ].join('\n');
}
