import type { MembershipChangeOut, OutageOut } from '../../query/index.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import { memberState, podLabel } from './memberState.js';

/**
 * One annotation row. Grafana maps fields by name: `time` (start), `timeEnd` (a region when it
 * differs from `time`), `title`, `text`, and `tags` (a comma-separated string it splits).
 */
export interface AnnotationRow {
  time: number;
  timeEnd: number;
  title: string;
  text: string;
  tags: string;
  service: string;
  kind: 'change' | 'outage';
}

const MAX_LINES = 20;

/** `1h2m3s`, `250ms`: short enough for a tooltip. */
export function shortDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  const parts = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join('');
}

function describe(c: MembershipChangeOut): string {
  const who = `${podLabel(c.ip, c.targetRef)} (${c.ip})`;
  if (c.before === null) return `${who} joined as ${memberState(c.after!)}`;
  if (c.after === null) return `${who} left, was ${memberState(c.before)}`;
  const [before, after] = [memberState(c.before), memberState(c.after)];
  if (before !== after) return `${who} ${before} → ${after}`;
  if (c.before.nodeName !== c.after.nodeName)
    return `${who} moved from node ${c.before.nodeName} to ${c.after.nodeName}`;
  return `${who} changed ports, zone or hostname, still ${after}`;
}

/**
 * One point annotation per service and instant: the changes that happened together (a rollout
 * step, a node drain) are one event, titled by the change when alone, by their count otherwise.
 */
export function changeAnnotations(service: string, changes: readonly MembershipChangeOut[]): AnnotationRow[] {
  const byInstant = new Map<number, MembershipChangeOut[]>();
  for (const c of changes) getOrCreate(byInstant, c.at, () => []).push(c);
  return [...byInstant].map(([at, group]) => {
    const lines = group.slice(0, MAX_LINES).map(describe);
    if (group.length > MAX_LINES) lines.push(`… and ${group.length - MAX_LINES} more`);
    const types = [...new Set(group.map((c) => c.type.toLowerCase()))];
    return {
      time: at,
      timeEnd: at,
      title: group.length === 1 ? `${service}: ${lines[0]}` : `${service}: ${group.length} endpoint changes`,
      text: lines.join('; '),
      tags: ['change', ...types, service].join(','),
      service,
      kind: 'change',
    };
  });
}

/** A region annotation per outage; one touching a recording gap says it may not have been real. */
export function outageAnnotation(service: string, o: OutageOut): AnnotationRow {
  const notes = [
    `no ready endpoints for ${shortDuration(o.durationMs)}`,
    ...(o.ongoing ? ['still going on at the end of the range'] : []),
    ...(o.complete ? [] : ['part of it falls in a recording gap, so it may not all have been an outage']),
  ];
  return {
    time: o.from,
    timeEnd: o.to,
    title: `${service}: no ready endpoints`,
    text: notes.join('; '),
    tags: ['outage', service, ...(o.complete ? [] : ['incomplete'])].join(','),
    service,
    kind: 'outage',
  };
}
