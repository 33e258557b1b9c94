import type { EndpointStateOut, MembershipChangeOut, ObjectRefOut } from '../../query/index.js';

/** `+` added, `-` removed, `~` changed, as in a diff. */
export const CHANGE_MARK = { ADDED: '+', REMOVED: '-', CHANGED: '~' } as const;

/** The pod behind an address: its name, namespace-qualified when not the service's namespace. */
export function targetText(ref: ObjectRefOut | null, namespace: string): string {
  if (!ref) return '<no target>';
  const name = ref.namespace && ref.namespace !== namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return ref.kind && ref.kind !== 'Pod' ? `${ref.kind}/${name}` : name;
}

/** `ready`, `not ready`, `not ready, serving, terminating`, with the node when known. */
export function stateText(s: EndpointStateOut): string {
  const parts = [s.ready ? 'ready' : 'not ready'];
  if (!s.ready && s.serving) parts.push('serving');
  if (s.terminating) parts.push('terminating');
  return parts.join(', ') + (s.nodeName ? ` on ${s.nodeName}` : '');
}

/** `ready true→false, terminating false→true`; node moves too; else the attributes we do not list. */
export function transitionText(before: EndpointStateOut, after: EndpointStateOut): string {
  const parts: string[] = [];
  for (const k of ['ready', 'serving', 'terminating'] as const) {
    if (before[k] !== after[k]) parts.push(`${k} ${before[k]}→${after[k]}`);
  }
  if (before.nodeName !== after.nodeName)
    parts.push(`node ${before.nodeName ?? '<none>'}→${after.nodeName ?? '<none>'}`);
  return parts.length > 0 ? parts.join(', ') : 'ports, zone or hostname changed';
}

/** What a membership change did, in words (the detail column of timelines and diffs). */
export function changeDetail(c: MembershipChangeOut): string {
  if (c.type === 'ADDED') return `joined, ${stateText(c.after!)}`;
  if (c.type === 'REMOVED') return `left (was ${stateText(c.before!)})`;
  return transitionText(c.before!, c.after!);
}
