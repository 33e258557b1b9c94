import { gql } from './api.js';
import { fill, h } from './dom.js';
import { label } from './format.js';

interface Holding {
  ip: string;
  from: string;
  to: string | null;
  pod: { namespace: string; name: string; uid: string; nodeName: string | null; phase: string | null };
}

interface Gap {
  from: string | null;
  to: string | null;
  reason: string | null;
}

interface IpHolders {
  complete: boolean;
  gaps: Gap[];
  intervals: Holding[];
}

const QUERY = `query Ip($cluster: String, $ip: String!, $from: DateTime!, $to: DateTime!) {
  ipHolders(cluster: $cluster, ip: $ip, from: $from, to: $to) {
    complete gaps { from to reason }
    intervals { ip from to pod { namespace name uid nodeName phase } } } }`;

/** `02:00:00Z – 02:10:00Z (stream-broken)`: a gap of the Pod kind as the page names it. */
function gapText(g: Gap): string {
  const from = g.from === null ? 'the beginning' : label(Date.parse(g.from));
  const to = g.to === null ? 'now' : label(Date.parse(g.to));
  return `${from} – ${to}${g.reason ? ` (${g.reason})` : ''}`;
}

/**
 * Which pods held `ip` at any moment of the range, with their intervals (GraphQL `ipHolders`). Where
 * pods were not recorded the page says so: "no holder" is only said when the whole range was recorded.
 */
export async function renderIpSearch(
  out: HTMLElement,
  args: { cluster: string | null; ip: string; from: number; to: number },
  current: () => boolean,
): Promise<void> {
  fill(out, h('p', { role: 'status' }, `Looking for ${args.ip}…`));
  const { ipHolders } = await gql<{ ipHolders: IpHolders }>(QUERY, args);
  if (!current()) return; // the view moved on while this was loading
  const podsByIP = ipHolders.intervals;
  const unknown = ipHolders.complete
    ? []
    : [
        h(
          'p',
          { class: 'warn', role: 'note' },
          `Pods were not recorded over part of this range (${ipHolders.gaps.map(gapText).join('; ') || 'a recording gap'}): a pod may have held ${args.ip} then unseen.`,
        ),
      ];
  if (podsByIP.length === 0) {
    const range = `between ${label(args.from)} and ${label(args.to)}`;
    fill(
      out,
      h(
        'p',
        { role: 'status' },
        ipHolders.complete ? `No pod held ${args.ip} ${range}.` : `No recorded pod held ${args.ip} ${range}.`,
      ),
      ...unknown,
    );
    return;
  }
  fill(
    out,
    h(
      'p',
      { role: 'status' },
      `${podsByIP.length} holding${podsByIP.length === 1 ? '' : 's'} of ${args.ip}:`,
    ),
    ...unknown,
    h(
      'table',
      { class: 'ip-holders' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['pod', 'namespace', 'node', 'from', 'to', 'uid'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...podsByIP.map((p) =>
          h(
            'tr',
            {},
            h('td', {}, p.pod.name),
            h('td', {}, p.pod.namespace),
            h('td', {}, p.pod.nodeName ?? '—'),
            h('td', {}, label(Date.parse(p.from))),
            h('td', {}, p.to === null ? 'still holds it' : label(Date.parse(p.to))),
            h('td', { class: 'uid' }, p.pod.uid),
          ),
        ),
      ),
    ),
  );
}
