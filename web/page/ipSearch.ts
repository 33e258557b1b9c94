import { gql } from './api.js';
import { fill, h } from './dom.js';
import { label } from './format.js';

interface Holding {
  ip: string;
  from: string;
  to: string | null;
  pod: { namespace: string; name: string; uid: string; nodeName: string | null; phase: string | null };
}

const QUERY = `query Ip($cluster: String, $ip: String!, $from: DateTime!, $to: DateTime!) {
  podsByIP(cluster: $cluster, ip: $ip, from: $from, to: $to) {
    ip from to pod { namespace name uid nodeName phase } } }`;

/** Which pods held `ip` at any moment of the range, with their intervals (GraphQL `podsByIP`). */
export async function renderIpSearch(
  out: HTMLElement,
  args: { cluster: string | null; ip: string; from: number; to: number },
  current: () => boolean,
): Promise<void> {
  fill(out, h('p', { role: 'status' }, `Looking for ${args.ip}…`));
  const { podsByIP } = await gql<{ podsByIP: Holding[] }>(QUERY, args);
  if (!current()) return; // the view moved on while this was loading
  if (podsByIP.length === 0) {
    fill(
      out,
      h('p', { role: 'status' }, `No pod held ${args.ip} between ${label(args.from)} and ${label(args.to)}.`),
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
