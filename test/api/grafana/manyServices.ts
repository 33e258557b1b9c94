import { KINDS } from '../../../src/model/types.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { historyOf, openTestStore } from '../../helpers/backend.js';
import { rawService, rawSlice, Timeline } from '../../helpers/k8s.js';

export interface ManyServices {
  store: Store;
  history: History;
  path: string;
  /** The recorded hour: [from, to]; the clock stands at `to`. */
  from: number;
  to: number;
  services: number;
}

/**
 * A busy cluster as the default dashboard sees it with Service = All: `services` services in
 * namespace `load`, three endpoints each, recorded for one hour in which every service has `flaps`
 * readiness changes at instants no other service shares — the shape that made `ready-count` answer
 * services × change instants rows (400 × 1,201 = 480,400 with the defaults).
 */
export async function recordManyServices(services = 400, flaps = 3): Promise<ManyServices> {
  const { store, path } = await openTestStore();
  const from = Date.parse('2026-03-01T02:00:00Z');
  const to = from + 3_600_000;
  const tl = new Timeline(from - 60_000);
  await store.append({
    observations: [],
    coverage: KINDS.map((kind) => ({ op: 'open', cluster: 'test', kind, at: tl.now, reason: 'list' })),
  });
  const slice = (i: number, readyFirst: boolean) =>
    rawSlice({
      uid: `slice-${i}`,
      name: `svc-${i}-abcde`,
      namespace: 'load',
      service: `svc-${i}`,
      endpoints: [0, 1, 2].map((k) => ({
        ip: `10.${100 + (i >> 8)}.${i & 255}.${k + 1}`,
        pod: { name: `svc-${i}-pod-${k}`, uid: `uid-${i}-${k}` },
        ready: k === 0 ? readyFirst : true,
      })),
    });
  const names = Array.from({ length: services }, (_, i) => i);
  await tl.put(
    store,
    tl.now,
    ...names.flatMap((i) => [
      (x: Timeline) =>
        x.obs('Service', 'ADDED', rawService({ uid: `svc-${i}`, name: `svc-${i}`, namespace: 'load' })),
      (x: Timeline) => x.obs('EndpointSlice', 'ADDED', slice(i, true)),
    ]),
  );
  const gap = Math.floor((to - from) / (services * flaps + 1));
  for (let f = 0; f < flaps; f++) {
    for (const i of names) {
      await tl.put(store, from + gap * (1 + f * services + i), (x) =>
        x.obs('EndpointSlice', 'MODIFIED', slice(i, f % 2 === 1)),
      );
    }
  }
  return { store, history: await historyOf(store, path, to), path, from, to, services };
}
