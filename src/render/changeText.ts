import type { ObjectRefOut } from '../query/index.js';

/** `+` added, `-` removed, `~` changed, as in a diff. */
export const CHANGE_MARK = { ADDED: '+', REMOVED: '-', CHANGED: '~' } as const;

/** The pod behind an address: its name, namespace-qualified when not the service's namespace. */
export function targetText(ref: ObjectRefOut | null, namespace: string): string {
  if (!ref) return '<no target>';
  const name = ref.namespace && ref.namespace !== namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return ref.kind && ref.kind !== 'Pod' ? `${ref.kind}/${name}` : name;
}
