import type { EvidencePack } from '../query/index.js';
import { changeDetail, eventNumber } from '../query/index.js';
import { CHANGE_MARK, targetText } from './changeText.js';
import { gapText, SOURCE_LABEL } from './provenance.js';
import { humanSpan, humanTime } from './times.js';

const cell = (s: string | number | null) =>
  String(s ?? '—')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const table = (header: string[], rows: (string | number | null)[][]): string =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/** The evidence pack as Markdown for a postmortem document: summary first, raw events last. */
export function evidenceMarkdown(pack: EvidencePack, local: boolean): string {
  const t = pack.timeline;
  const at = (ms: number | null) => (ms === null ? 'open' : humanTime(ms, local));
  const s = pack.summary;
  const svc = `${t.namespace}/${t.service}`;
  const out: string[] = [];
  out.push(`# Endpoints evidence: \`${svc}\`, ${at(t.from)} → ${at(t.to)}`, '');
  out.push(
    `> **Question:** what happened to the endpoints of service \`${svc}\` in cluster \`${t.cluster}\` between ${at(t.from)} and ${at(t.to)}?`,
    '',
  );
  out.push(
    table(
      ['Item', 'Value'],
      [
        ['Cluster', t.cluster],
        ['Range', `${at(t.from)} → ${at(t.to)} (${humanSpan(t.to - t.from)})`],
        ['Source', SOURCE_LABEL[t.source]],
        [
          'Completeness',
          t.complete
            ? 'complete: the recorder held a live view for the whole range'
            : `**incomplete**: ${t.gaps.length} recording gap(s), see below`,
        ],
        ['Ready endpoints', readySummary(s)],
        ['Membership changes', `${s.changes} (${s.added} joined, ${s.removed} left, ${s.changed} changed)`],
        ['Outages (0 ready)', s.outages === 0 ? 'none' : `${s.outages}, ${humanSpan(s.outageMs)} in total`],
        ['Generated', `${at(pack.generatedAt)} by endpoints-history`],
      ],
    ),
    '',
  );
  out.push('## Recording gaps', '');
  out.push(
    t.gaps.length === 0
      ? 'None: every moment of the range was recorded.'
      : t.gaps.map((g) => `- ⚠ ${gapText(g, local)}: changes may be missing`).join('\n'),
    '',
  );
  out.push('## Membership timeline', '');
  out.push(
    t.changes.length === 0
      ? 'No membership change in the range.'
      : table(
          ['Time', 'Change', 'IP', 'Pod', 'What', 'Event'],
          t.changes.map((c) => [
            at(c.at),
            CHANGE_MARK[c.type],
            c.ip,
            targetText(c.targetRef, t.namespace),
            changeDetail(c),
            `[#${eventNumber(c.position)}](#event-${eventNumber(c.position)})`,
          ]),
        ),
    '',
  );
  out.push('## Ready-count changes', '');
  out.push(
    table(
      ['Time', 'Ready', 'Not ready'],
      t.readyCount.map((p) =>
        p.complete
          ? [at(p.time), p.ready, p.notReady]
          : [at(p.time), `unknown (last recorded ${p.ready})`, `unknown (last recorded ${p.notReady})`],
      ),
    ),
    '',
  );
  out.push('## Outages', '');
  out.push(
    t.outages.length === 0
      ? 'None: the service had at least one ready endpoint throughout the range.'
      : table(
          ['From', 'To', 'Duration', 'Fully recorded'],
          t.outages.map((o) => [
            at(o.from),
            o.ongoing ? `${at(o.to)} (still going on)` : at(o.to),
            humanSpan(o.durationMs),
            o.complete ? 'yes' : 'no: overlaps a gap',
          ]),
        ),
    '',
  );
  out.push(
    '## IP map',
    '',
    'Which pod held each IP seen in the range, and when (two pods can hold one IP).',
    '',
  );
  out.push(
    table(
      ['IP', 'Pod', 'Namespace', 'Node', 'From', 'To'],
      pack.ipMap.map((h) => [
        h.ip,
        h.pod,
        h.namespace,
        h.node,
        at(h.from),
        h.to === null ? 'still held' : at(h.to),
      ]),
    ),
    '',
  );
  // a later cluster of a PostgreSQL store: the number cited above is not the stored position
  const renumbered = pack.events.some((e) => eventNumber(e.position) !== e.position);
  out.push(
    '## Raw events',
    '',
    renumbered
      ? "The recorded events each change above cites (`Event`: its number in the cluster's log; `Position`: its `position` in the `events` table; objects are stored slimmed)."
      : 'The recorded events each change above cites (`position` in the `events` table; objects are stored slimmed).',
    '',
  );
  out.push(
    table(
      [
        ...(renumbered ? ['Event'] : []),
        'Position',
        'Observed at',
        'Kind',
        'Object',
        'Type',
        'Source',
        'resourceVersion',
      ],
      pack.events.map((e) => [
        ...(renumbered ? [`#${eventNumber(e.position)}`] : []),
        e.position,
        at(e.observedAt),
        e.kind,
        `${e.namespace}/${e.name}`,
        e.type,
        e.source,
        e.resourceVersion,
      ]),
    ),
    '',
  );
  for (const e of pack.events) {
    const n = eventNumber(e.position);
    out.push(
      `<details><summary><a id="event-${n}"></a>#${n} ${e.kind} ${e.namespace}/${e.name} ${e.type}</summary>`,
      '',
    );
    out.push('```json', JSON.stringify(e.object, null, 2), '```', '', '</details>', '');
  }
  return out.join('\n');
}

/** `4 at start, 5 at end (min 3, max 5)`; "not recorded" wherever the count is unknown. */
function readySummary(s: EvidencePack['summary']): string {
  const known = (n: number | null) => (n === null ? 'not recorded' : String(n));
  const range = s.readyMin === null ? 'not recorded in the range' : `min ${s.readyMin}, max ${s.readyMax}`;
  return `${known(s.readyAtStart)} at start, ${known(s.readyAtEnd)} at end (${range})`;
}
