import type { Kind, Observation } from '../../src/model/types.js';
import { KINDS } from '../../src/model/types.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../helpers/backend.js';
import { rawPod, rawService, rawSlice, Timeline } from '../helpers/k8s.js';

/** The fleet scenario's clock: `t('02:10:05')` is 2026-03-01T02:10:05Z in epoch ms. */
export const t = (hhmmss: string): number => Date.parse(`2026-03-01T${hhmmss}Z`);

/** "Now" for every question asked of the fleet recording. */
export const FLEET_NOW = t('03:00:00');

/** The IP both clusters gave to a pod of theirs. */
export const SHARED_IP = '10.244.1.23';

/**
 * The same uid in both clusters: uids are unique only within a cluster (a copied or simulated
 * cluster repeats them), so an answer about one cluster must never pick up the other's rows.
 */
export const SHARED_UID = 'uid-same';

/**
 * Two clusters written into ONE store through its public API, as a fleet store holds them:
 * - `prod-eu`: every kind recorded from 01:00 on, heartbeat at 02:59:50 (alive at 03:00);
 *   service-hello backed by hello-eu (uid-same, 10.244.1.23) from 02:00.
 * - `prod-us`: Pod, Service and EndpointSlice recorded from 01:30 (Endpoints never watched), the Pod
 *   stream broken 02:10–02:20; last heartbeat 02:40 (dead at 03:00); service-hello backed by
 *   hello-us (also uid-same, also 10.244.1.23) from 02:05.
 */
export async function recordFleet(): Promise<{ store: Store; path: string }> {
  const { store, path } = await openTestStore();
  const open = (cluster: string, kind: Kind, at: number) => ({
    op: 'open' as const,
    cluster,
    kind,
    at,
    reason: 'list',
  });
  await store.append({
    observations: [],
    coverage: KINDS.map((k) => open('prod-eu', k, t('01:00:00'))),
    alive: { cluster: 'prod-eu', at: t('01:00:00') },
  });
  await store.append({
    observations: [],
    coverage: (['Pod', 'Service', 'EndpointSlice'] as const).map((k) => open('prod-us', k, t('01:30:00'))),
    alive: { cluster: 'prod-us', at: t('01:30:00') },
  });
  const put = async (tl: Timeline, at: string, ...obs: ((tl: Timeline) => Observation)[]) => {
    await tl.put(store, t(at), ...obs);
    await store.append({ observations: [], alive: { cluster: tl.cluster, at: t(at) } });
  };
  for (const [cluster, pod, at] of [
    ['prod-eu', 'hello-eu', '02:00:00'],
    ['prod-us', 'hello-us', '02:05:00'],
  ] as const) {
    const tl = new Timeline(t(at), cluster);
    await put(
      tl,
      at,
      (x) => x.obs('Service', 'ADDED', rawService({ uid: `svc-${cluster}`, name: 'service-hello' })),
      (x) =>
        x.obs(
          'Pod',
          'ADDED',
          rawPod({ uid: SHARED_UID, name: pod, ips: [SHARED_IP], node: `node-${cluster}` }),
        ),
      (x) =>
        x.obs(
          'EndpointSlice',
          'ADDED',
          rawSlice({
            uid: `slice-${cluster}`,
            name: 'service-hello-abcde',
            service: 'service-hello',
            endpoints: [{ ip: SHARED_IP, pod: { name: pod, uid: SHARED_UID } }],
            ports: [{ name: 'http', port: 8080 }],
          }),
        ),
    );
  }
  await store.append({
    observations: [],
    coverage: [{ op: 'close', cluster: 'prod-us', kind: 'Pod', at: t('02:10:00'), reason: 'network' }],
  });
  await store.append({ observations: [], coverage: [open('prod-us', 'Pod', t('02:20:00'))] });
  await store.append({ observations: [], alive: { cluster: 'prod-us', at: t('02:40:00') } });
  await store.append({ observations: [], alive: { cluster: 'prod-eu', at: t('02:59:50') } });
  return { store, path };
}
