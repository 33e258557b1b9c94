import type { EndpointStateOut, MembershipChangeOut } from './types.js';

/** `ready`, `not ready`, `not ready, serving, terminating`, with the node when known. */
export function stateText(s: EndpointStateOut): string {
  const parts = [s.ready ? 'ready' : 'not ready'];
  if (!s.ready && s.serving) parts.push('serving');
  if (s.terminating) parts.push('terminating');
  return parts.join(', ') + (s.nodeName ? ` on ${s.nodeName}` : '');
}

/**
 * `ready true→false, terminating false→true`: every condition that flipped (serving too, as a
 * terminating endpoint stops serving), node moves; else the attributes a state does not carry.
 */
export function transitionText(before: EndpointStateOut, after: EndpointStateOut): string {
  const parts: string[] = [];
  for (const k of ['ready', 'serving', 'terminating'] as const) {
    if (before[k] !== after[k]) parts.push(`${k} ${before[k]}→${after[k]}`);
  }
  if (before.nodeName !== after.nodeName)
    parts.push(`node ${before.nodeName ?? '<none>'}→${after.nodeName ?? '<none>'}`);
  return parts.length > 0 ? parts.join(', ') : 'ports, zone or hostname changed';
}

/**
 * What a membership change did, in words: the one describer of every surface (the CLI's timelines,
 * diffs and evidence packs, Grafana's annotations), so they never tell one change two ways.
 */
export function changeDetail(c: MembershipChangeOut): string {
  if (c.type === 'ADDED') return `joined, ${stateText(c.after!)}`;
  if (c.type === 'REMOVED') return `left (was ${stateText(c.before!)})`;
  return transitionText(c.before!, c.after!);
}
