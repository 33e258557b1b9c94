import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type BuildAppOptions, buildApp } from '../../../src/api/index.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { historyOf } from '../../helpers/backend.js';
import { rawService, rawSlice, Timeline } from '../../helpers/k8s.js';
import { INCIDENT_NOW, recordIncident, t } from '../../query/incidentRecording.js';

/** Options of the app a fixture serves; plain data only, since apps are cached by their JSON. */
export type FixtureAppOptions = Partial<Omit<BuildAppOptions, 'history' | 'now'>>;

export interface Fixture {
  store: Store;
  history: History;
  now: number;
  /** The app serving the fixture with these options, built once per distinct options and reused. */
  app: (options?: FixtureAppOptions) => Promise<FastifyInstance>;
  /** Closes every app built so far, then the store. */
  close: () => Promise<void>;
}

/**
 * the incident recording plus a `shop` namespace recorded after it: `cart` has an outage (both pods
 * not ready 02:32–02:33) and then loses a pod; `empty` is a Service that never had an endpoint.
 * The clock stands at 03:00.
 */
export async function recordFixture(): Promise<Fixture> {
  const { store, path } = await recordIncident();
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
  await tl.put(
    store,
    t('02:30:00'),
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-cart', name: 'cart', namespace: 'shop' })),
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-empty', name: 'empty', namespace: 'shop' })),
    (x) => x.obs('EndpointSlice', 'ADDED', cartSlice({ n: 1, ready: true }, { n: 2, ready: true })),
  );
  await tl.put(store, t('02:32:00'), (x) =>
    x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: false }, { n: 2, ready: false })),
  );
  await tl.put(store, t('02:33:00'), (x) =>
    x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: true }, { n: 2, ready: false })),
  );
  await tl.put(store, t('02:34:00'), (x) =>
    x.obs('EndpointSlice', 'MODIFIED', cartSlice({ n: 1, ready: true })),
  );
  const now = INCIDENT_NOW;
  const history = await historyOf(store, path, now);
  const apps = new Map<string, Promise<FastifyInstance>>();
  const app = (options: FixtureAppOptions = {}): Promise<FastifyInstance> => {
    const key = JSON.stringify(options);
    let built = apps.get(key);
    if (!built) {
      built = buildApp({ ...options, history, now: () => now });
      apps.set(key, built);
    }
    return built;
  };
  const close = async (): Promise<void> => {
    for (const built of apps.values()) await (await built).close();
    apps.clear();
    history.close();
    await store.close();
  };
  return { store, history, now, app, close };
}

/**
 * Records the fixture before the enclosing suite's tests and closes it after them. Its properties
 * are read when a test runs, so the returned object can be kept in a module-level constant.
 */
export function useFixture(): Fixture {
  let fx: Fixture | undefined;
  beforeAll(async () => {
    fx = await recordFixture();
  });
  afterAll(() => fx?.close());
  const current = (): Fixture => {
    if (!fx) throw new Error('useFixture: the fixture is only there while the suite runs');
    return fx;
  };
  return {
    get store() {
      return current().store;
    },
    get history() {
      return current().history;
    },
    get now() {
      return current().now;
    },
    app: (options) => current().app(options),
    close: () => current().close(),
  };
}
