import type { PodJson } from '../../../src/kube/index.js';
import { attachControllers, type ControllerOptions } from '../../../src/sim/controllers/index.js';
import {
  type MakePodOptions,
  type MakeServiceOptions,
  makePod,
  makeService,
} from '../../../src/sim/objects/index.js';
import { SimStore } from '../../../src/sim/simStore.js';

export { allEndpoints, endpointsOf, getPod, notReadyIPs, readyIPs, slicesOf } from '../fixtures.js';

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
