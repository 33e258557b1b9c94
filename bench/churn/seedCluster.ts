import type { SimStore } from '../../src/sim/index.js';
import { endpointsJson, type PodModel, podJson, serviceJson, sliceJson } from './objects.js';

export interface SeededCluster {
  models: PodModel[];
  /** Objects written (pods, services, slices, Endpoints). */
  objects: number;
  /** Namespace and name of every service, in creation order. */
  services: { namespace: string; name: string }[];
}

/**
 * Fills a simulated API server with `pods` running, ready pods spread evenly over `services`
 * services in 20 namespaces, each service with one EndpointSlice and one Endpoints.
 */
export function seedCluster(store: SimStore, pods: number, services: number): SeededCluster {
  const perService = Math.ceil(pods / services);
  const models: PodModel[] = [];
  const names: SeededCluster['services'] = [];
  const created = '2026-01-01T00:00:00Z';
  const before = store.revision;
  for (let s = 0; s * perService < pods; s++) {
    const ns = `team-${s % 20}`;
    const name = `svc-${s}`;
    const group: PodModel[] = [];
    for (let i = 0; i < perService && s * perService + i < pods; i++) {
      const n = s * perService + i;
      group.push({
        uid: `pod-${n}`,
        name: `${name}-7d9f8c6b5-${n.toString(36).padStart(5, '0')}`,
        namespace: ns,
        service: name,
        ip: `10.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`,
        node: `node-${n % 50}`,
        ready: true,
        phase: 'Running',
        restarts: 0,
        deleting: null,
        createdAt: created,
        readySince: created,
      });
    }
    store.put('Service', serviceJson(ns, name, `svc-${s}`, 0, created));
    for (const p of group) store.put('Pod', podJson(p, 0));
    store.put('EndpointSlice', sliceJson(ns, name, `slice-${s}`, 0, group, created));
    store.put('Endpoints', endpointsJson(ns, name, `ep-${s}`, 0, group, created));
    models.push(...group);
    names.push({ namespace: ns, name });
  }
  return { models, objects: store.revision - before, services: names };
}
