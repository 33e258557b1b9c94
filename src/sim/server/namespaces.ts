import { SIM_KINDS, type SimStore } from '../simStore.js';

/**
 * Namespaces derived from the objects present (the simulator has no Namespace objects): each is
 * Active and created at its oldest object's creationTimestamp. Sorted by name.
 */
export function derivedNamespaces(store: SimStore): Record<string, unknown>[] {
  const created = new Map<string, string>();
  for (const kind of SIM_KINDS) {
    for (const o of store.list(kind)) {
      const ns = o.metadata.namespace;
      const ts = typeof o.metadata.creationTimestamp === 'string' ? o.metadata.creationTimestamp : '';
      const prev = created.get(ns);
      if (prev === undefined || (ts !== '' && (prev === '' || ts < prev))) created.set(ns, ts);
    }
  }
  return [...created.keys()].sort().map((name) => ({
    metadata: { name, uid: `ns-${name}`, resourceVersion: '1', creationTimestamp: created.get(name) || null },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}
