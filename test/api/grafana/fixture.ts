import type { FastifyInstance } from 'fastify';
import { type ApiLimits, buildApp } from '../../../src/api/index.js';
import { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { rawService, rawSlice, Timeline } from '../../helpers/k8s.js';
import { recordClassic } from '../../query/classicScenario.js';

export interface Fixture {
  store: Store;
  history: History;
  t: (hhmmss: string) => number;
  now: number;
  app: (limits?: Partial<ApiLimits>) => Promise<FastifyInstance>;
}

/**
 * The classic scenario plus a `shop` namespace recorded after it: `cart` has an outage (both pods
 * not ready 02:32–02:33) and then loses a pod; `empty` is a Service that never had an endpoint.
 * The clock stands at 03:00.
 */
export function recordFixture(): Fixture {
  const { store, t } = recordClassic();
  const tl = new Timeline(t('02:30:00'));
  const cartSlice = (...eps: { n: number; ready: boolean }[]) =>
    rawSlice({
      uid: 'slice-cart',
      name: 'cart-abcde',
      namespace: 'shop',
      service: 'cart',
      endpoints: eps.map(({ n, ready }) => ({
        ip: `10.244.5.${n}`,
        pod: { name: `cart-${n}`, uid: `uid-cart-${n}` },
        ready,
        serving: ready,
        zone: 'zone-a',
      })),
    });
  const put = (time: string, ...obs: ((x: Timeline) => ReturnType<Timeline['obs']>)[]) => {
    tl.now = t(time);
    store.append({ observations: obs.map((f) => f(tl)) });
  };
  put(
    '02:30:00',
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-cart', name: 'cart', namespace: 'shop' })),
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-empty', name: 'empty', namespace: 'shop' })),
    (x) => x.obs('EndpointSlice', 'ADDED', cartSlice({ n: 1, ready: true }, { n: 2, ready: true })),
  );
  put('02:32:00', (x) =>
    x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: false }, { n: 2, ready: false })),
  );
  put('02:33:00', (x) =>
    x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: true }, { n: 2, ready: false })),
  );
  put('02:34:00', (x) => x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: true })));
  const now = t('03:00:00');
  const history = new History(store.db, () => now);
  return { store, history, t, now, app: (limits = {}) => buildApp({ history, now: () => now, limits }) };
}
