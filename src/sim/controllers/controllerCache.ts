import type { EndpointSliceJson, PodJson, ServiceJson } from '../../kube/types.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../kube/wellKnown.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { RawObject, SimChange, SimStore } from '../simStore.js';
import { hasSelector, matchesSelector } from './podRules.js';

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

function nested<V>(outer: Map<string, Map<string, V>>, k: string): Map<string, V> {
  return getOrCreate(outer, k, () => new Map<string, V>());
}

/**
 * The controllers' informer caches: pods and services by namespace, which pods each service selects
 * (kept incrementally, so a pod change costs O(services in its namespace) and a sync O(its pods)), and
 * slices by (service, managed-by). `apply` returns the services a change concerns.
 */
export class ControllerCache {
  private readonly pods = new Map<string, Map<string, PodJson>>();
  private readonly services = new Map<string, Map<string, ServiceJson>>();
  private readonly members = new Map<string, Set<string>>();
  private readonly slices = new Map<string, Map<string, EndpointSliceJson>>();

  rebuild(store: SimStore): void {
    this.pods.clear();
    this.services.clear();
    this.members.clear();
    this.slices.clear();
    for (const o of store.list('Pod')) nested(this.pods, o.metadata.namespace).set(o.metadata.name, asPod(o));
    for (const o of store.list('Service')) this.setService(asService(o));
    for (const o of store.list('EndpointSlice')) this.indexSlice(o as unknown as EndpointSliceJson, true);
  }

  /** Every service key known, for a full resync. */
  serviceKeys(): string[] {
    return [...this.services.entries()].flatMap(([ns, m]) => [...m.keys()].map((n) => key(ns, n)));
  }

  service(namespace: string, name: string): ServiceJson | undefined {
    return this.services.get(namespace)?.get(name);
  }

  /** The pods the service's selector currently matches. */
  podsOf(namespace: string, name: string): PodJson[] {
    const names = this.members.get(key(namespace, name));
    const pods = this.pods.get(namespace);
    if (!names || !pods) return [];
    return [...names].map((n) => pods.get(n)).filter((p): p is PodJson => p !== undefined);
  }

  /** Slices labelled with this service name and managed by `controller`. */
  slicesOf(namespace: string, name: string, controller: string): EndpointSliceJson[] {
    return [...(this.slices.get(`${key(namespace, name)}#${controller}`)?.values() ?? [])];
  }

  apply(change: SimChange): string[] {
    const { namespace, name } = change.object.metadata;
    const deleted = change.type === 'DELETED';
    switch (change.kind) {
      case 'Pod': {
        const pods = nested(this.pods, namespace);
        const pod = asPod(change.object);
        if (deleted) pods.delete(name);
        else pods.set(name, pod);
        const affected: string[] = [];
        for (const svc of this.services.get(namespace)?.values() ?? []) {
          const k = key(namespace, svc.metadata.name as string);
          const set = this.members.get(k);
          if (!set) continue;
          const was = set.has(name);
          const is = !deleted && hasSelector(svc) && matchesSelector(svc.spec.selector, pod.metadata.labels);
          if (is) set.add(name);
          else set.delete(name);
          if (was || is) affected.push(k);
        }
        return affected;
      }
      case 'Service': {
        if (deleted) {
          this.services.get(namespace)?.delete(name);
          this.members.delete(key(namespace, name));
        } else {
          this.setService(asService(change.object));
        }
        return [key(namespace, name)];
      }
      case 'Endpoints':
        return [key(namespace, name)];
      case 'EndpointSlice':
        if (change.old) this.indexSlice(change.old as unknown as EndpointSliceJson, false);
        if (!deleted) this.indexSlice(change.object as unknown as EndpointSliceJson, true);
        return [];
    }
  }

  private setService(svc: ServiceJson): void {
    const namespace = svc.metadata.namespace as string;
    const name = svc.metadata.name as string;
    nested(this.services, namespace).set(name, svc);
    const set = new Set<string>();
    if (hasSelector(svc)) {
      for (const [podName, pod] of this.pods.get(namespace) ?? []) {
        if (matchesSelector(svc.spec.selector, pod.metadata.labels)) set.add(podName);
      }
    }
    this.members.set(key(namespace, name), set);
  }

  private indexSlice(slice: EndpointSliceJson, present: boolean): void {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    const controller = slice.metadata.labels?.[LABEL_MANAGED_BY];
    if (!service || !controller) return;
    const bucket = nested(this.slices, `${key(slice.metadata.namespace as string, service)}#${controller}`);
    if (present) bucket.set(slice.metadata.name as string, slice);
    else bucket.delete(slice.metadata.name as string);
  }
}

const asPod = (o: RawObject): PodJson => o as unknown as PodJson;
const asService = (o: RawObject): ServiceJson => o as unknown as ServiceJson;
