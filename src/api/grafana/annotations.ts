import { changeDetail, type MembershipChangeOut, type OutageOut } from '../../query/index.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import { podLabel } from './memberState.js';

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

/** `cart-1 (10.244.5.1) ready true→false, serving true→false`: the CLI's words for the change. */
const describe = (c: MembershipChangeOut): string =>
  `${podLabel(c.ip, c.targetRef)} (${c.ip}) ${changeDetail(c)}`;

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
