import { attachControllers, type ControllerOptions } from '../../../src/sim/controllers/index.js';
import {
  type EndpointSliceJson,
  type EndpointsJson,
  type MakePodOptions,
  type MakeServiceOptions,
  makePod,
  makeService,
  type PodJson,
} from '../../../src/sim/objects/index.js';
import { SimStore } from '../../../src/sim/simStore.js';

export const T0 = Date.parse('2025-06-01T10:00:00.000Z');

/** A store with the controllers attached and a fixed clock. */
export function controlledStore(options: ControllerOptions = {}): { store: SimStore; detach: () => void } {
  const store = new SimStore({ now: () => T0 });
  const detach = attachControllers(store, { now: () => T0 + 123, ...options });
  return { store, detach };
}

export function putService(store: SimStore, options: Partial<MakeServiceOptions> & { name: string }): void {
  store.put(
    'Service',
    makeService({ namespace: 'default', ports: [{ port: 80, targetPort: 8080 }], now: T0, ...options }),
  );
}

export function putPod(store: SimStore, options: Partial<MakePodOptions> & { name: string }): PodJson {
  return store.put(
    'Pod',
    makePod({ namespace: 'default', nodeName: 'node-1', labels: { app: 'web' }, now: T0, ...options }),
  ) as unknown as PodJson;
}

export function getPod(store: SimStore, name: string): PodJson {
  return store.get('Pod', 'default', name) as unknown as PodJson;
}

export function endpointsOf(store: SimStore, name: string): EndpointsJson | undefined {
  return store.get('Endpoints', 'default', name) as unknown as EndpointsJson | undefined;
}

export function slicesOf(store: SimStore, service: string, managedBy?: string): EndpointSliceJson[] {
  return (store.list('EndpointSlice', 'default') as unknown as EndpointSliceJson[]).filter(
    (s) =>
      s.metadata.labels?.['kubernetes.io/service-name'] === service &&
      (managedBy === undefined ||
        s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === managedBy),
  );
}

/** Ready IPs of the Endpoints, in order. */
export function readyIPs(e: EndpointsJson | undefined): string[] {
  return (e?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
}

export function notReadyIPs(e: EndpointsJson | undefined): string[] {
  return (e?.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip));
}

/** Number of changes of a kind written after revision `since`. */
export function writesSince(store: SimStore, kind: string, since: number): number {
  return store.log.filter((c) => c.rev > since && c.kind === kind).length;
}

/** Web pods web-0..web-(n-1) at 10.244.<x>.<y>, ready unless listed in notReady. */
export function putWebPods(store: SimStore, count: number, notReady: ReadonlySet<number> = new Set()): void {
  for (let i = 0; i < count; i++) {
    const ip = `10.244.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`;
    putPod(store, { name: `web-${String(i).padStart(4, '0')}`, ips: [ip], ready: !notReady.has(i) });
  }
}
