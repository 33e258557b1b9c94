import type { Observation } from '../../src/model/types.js';
import { KINDS } from '../../src/model/types.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../helpers/backend.js';
import {
  rawEndpoints,
  rawPod,
  rawService,
  rawSlice,
  type SliceEndpointSpec,
  Timeline,
} from '../helpers/k8s.js';

/** the incident recording's clock: `t('02:10:05')` is 2026-03-01T02:10:05Z in epoch ms. */
export const t = (hhmmss: string): number => Date.parse(`2026-03-01T${hhmmss}Z`);

/** "Now" for every question asked of the incident recording. */
export const INCIDENT_NOW = t('03:00:00');

/** The tomcat pods behind service-hello; f reuses a's IP after a is gone. */
export const HELLO_PODS = {
  a: { uid: 'uid-a', name: 'hello-7d9f-aaaaa', ips: ['10.244.1.22'] },
  b: { uid: 'uid-b', name: 'hello-7d9f-bbbbb', ips: ['10.244.1.23'] },
  c: { uid: 'uid-c', name: 'hello-7d9f-ccccc', ips: ['10.244.1.24'] },
  d: { uid: 'uid-d', name: 'hello-7d9f-ddddd', ips: ['10.244.1.25'] },
  e: { uid: 'uid-e', name: 'hello-8e0a-eeeee', ips: ['10.244.1.26'] },
  f: { uid: 'uid-f', name: 'hello-8e0a-fffff', ips: ['10.244.1.22'] },
};
export type HelloPod = keyof typeof HELLO_PODS;

/** One of service-hello's pods as an EndpointSlice endpoint (ready unless `extra` says otherwise). */
export const helloEndpoint = (p: HelloPod, extra: Partial<SliceEndpointSpec> = {}): SliceEndpointSpec => ({
  ip: HELLO_PODS[p].ips[0]!,
  pod: { name: HELLO_PODS[p].name, uid: HELLO_PODS[p].uid },
  ...extra,
});

/** service-hello's one EndpointSlice holding `endpoints`. */
export const helloSlice = (...endpoints: SliceEndpointSpec[]): Record<string, unknown> =>
  rawSlice({
    uid: 'slice-hello',
    name: 'service-hello-x7k2p',
    service: 'service-hello',
    endpoints,
    ports: [{ name: 'http', port: 8080 }],
  });

/**
 * The incident recording: observations written by hand, on a fixed clock, into a real store of the
 * test backend (test/helpers/backend.ts) — not the simulator's `serviceHelloScenario`, which tells a
 * similar story live. service-hello (run=hello, 80 → 8080, NodePort 31111) backed by tomcat pods at 10.244.1.22–25, a rolling replacement, a readiness flap,
 * an IP reused by a later pod, a selector-less mysql pointing at 192.168.111.200:3306, a dual-stack
 * service, a legacy service known only from v1 Endpoints, and a 1200-endpoint service.
 */
export async function recordIncident(): Promise<{ store: Store; path: string }> {
  const { store, path } = await openTestStore();
  const tl = new Timeline();
  const put = (time: string, ...obs: ((tl: Timeline) => Observation)[]) => tl.put(store, t(time), ...obs);
  const pods = HELLO_PODS;
  type P = HelloPod;
  const ep = helloEndpoint;
  const slice = helloSlice;
  const endpoints = (ready: P[], notReady: P[] = []) =>
    rawEndpoints({
      uid: 'ep-hello',
      name: 'service-hello',
      ready: ready.map((p) => ({ ip: pods[p].ips[0]!, pod: pods[p] })),
      notReady: notReady.map((p) => ({ ip: pods[p].ips[0]!, pod: pods[p] })),
      ports: [{ name: 'http', port: 8080 }],
    });

  tl.now = t('01:59:00');
  await store.append({
    observations: [],
    coverage: KINDS.map((kind) => ({ op: 'open', cluster: 'test', kind, at: t('01:59:00'), reason: 'list' })),
  });

  await put(
    '02:00:00',
    (x) =>
      x.obs(
        'Service',
        'ADDED',
        rawService({
          uid: 'svc-hello',
          name: 'service-hello',
          selector: { run: 'hello' },
          type: 'NodePort',
          ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31111 }],
        }),
      ),
    ...(['a', 'b', 'c', 'd'] as P[]).map((p) => (x: Timeline) => x.obs('Pod', 'ADDED', rawPod(pods[p]))),
    (x) => x.obs('EndpointSlice', 'ADDED', slice(ep('a'), ep('b'), ep('c'), ep('d'))),
    (x) => x.obs('Endpoints', 'ADDED', endpoints(['a', 'b', 'c', 'd'])),
  );
  // selector-less mysql: hand-written Endpoints, mirrored into a slice
  await put(
    '02:01:00',
    (x) =>
      x.obs(
        'Service',
        'ADDED',
        rawService({
          uid: 'svc-mysql',
          name: 'mysql',
          selector: null,
          ports: [{ port: 3306, targetPort: 3306 }],
        }),
      ),
    (x) =>
      x.obs(
        'Endpoints',
        'ADDED',
        rawEndpoints({
          uid: 'ep-mysql',
          name: 'mysql',
          ready: [{ ip: '192.168.111.200' }],
          ports: [{ port: 3306 }],
        }),
      ),
    (x) =>
      x.obs(
        'EndpointSlice',
        'ADDED',
        rawSlice({
          uid: 'slice-mysql',
          name: 'mysql-abcde',
          service: 'mysql',
          managedBy: 'endpointslicemirroring-controller.k8s.io',
          endpoints: [{ ip: '192.168.111.200', ready: true, serving: null, terminating: null }],
          ports: [{ port: 3306 }],
        }),
      ),
  );
  // a service only ever seen through v1 Endpoints (old cluster / no RBAC for slices)
  await put(
    '02:02:00',
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-legacy', name: 'legacy' })),
    (x) =>
      x.obs(
        'Endpoints',
        'ADDED',
        rawEndpoints({
          uid: 'ep-legacy',
          name: 'legacy',
          ready: [{ ip: '10.244.3.5', pod: { name: 'legacy-1', uid: 'uid-l1' } }],
          notReady: [{ ip: '10.244.3.6', pod: { name: 'legacy-2', uid: 'uid-l2' } }],
        }),
      ),
  );
  // dual-stack
  await put(
    '02:03:00',
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-ds', name: 'web-ds' })),
    (x) =>
      x.obs(
        'EndpointSlice',
        'ADDED',
        rawSlice({
          uid: 'slice-ds4',
          name: 'web-ds-v4',
          service: 'web-ds',
          endpoints: [{ ip: '10.244.2.10', pod: { name: 'ds-1', uid: 'uid-ds1' } }],
        }),
      ),
    (x) =>
      x.obs(
        'EndpointSlice',
        'ADDED',
        rawSlice({
          uid: 'slice-ds6',
          name: 'web-ds-v6',
          service: 'web-ds',
          addressType: 'IPv6',
          endpoints: [{ ip: 'FD00:0:0::A', pod: { name: 'ds-1', uid: 'uid-ds1' } }],
        }),
      ),
  );
  // 1200 endpoints: Endpoints truncated at 1000, slices complete
  const big = Array.from({ length: 1200 }, (_, i) => ({
    ip: `10.250.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    pod: { name: `big-${i}`, uid: `uid-big-${i}` },
  }));
  await put(
    '02:04:00',
    (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-big', name: 'big' })),
    (x) =>
      x.obs('Endpoints', 'ADDED', rawEndpoints({ uid: 'ep-big', name: 'big', ready: big.slice(0, 1000) })),
    ...Array.from(
      { length: 12 },
      (_, s) => (x: Timeline) =>
        x.obs(
          'EndpointSlice',
          'ADDED',
          rawSlice({
            uid: `slice-big-${s}`,
            name: `big-${s}`,
            service: 'big',
            endpoints: big.slice(s * 100, s * 100 + 100),
          }),
        ),
    ),
  );
  // rolling replacement: e comes up, a terminates then goes
  await put(
    '02:10:00',
    (x) => x.obs('Pod', 'ADDED', rawPod({ ...pods.e, ready: false })),
    (x) =>
      x.obs(
        'EndpointSlice',
        'MODIFIED',
        slice(ep('a'), ep('b'), ep('c'), ep('d'), ep('e', { ready: false, serving: false })),
      ),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['a', 'b', 'c', 'd'], ['e'])),
  );
  await put(
    '02:10:05',
    (x) => x.obs('Pod', 'MODIFIED', rawPod(pods.e)),
    (x) => x.obs('EndpointSlice', 'MODIFIED', slice(ep('a'), ep('b'), ep('c'), ep('d'), ep('e'))),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['a', 'b', 'c', 'd', 'e'])),
  );
  await put(
    '02:10:10',
    (x) => x.obs('Pod', 'MODIFIED', rawPod({ ...pods.a, ready: false, deleting: '2026-03-01T02:10:40Z' })),
    (x) =>
      x.obs(
        'EndpointSlice',
        'MODIFIED',
        slice(
          ep('a', { ready: false, serving: true, terminating: true }),
          ep('b'),
          ep('c'),
          ep('d'),
          ep('e'),
        ),
      ),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['b', 'c', 'd', 'e'])),
  );
  await put(
    '02:10:40',
    (x) => x.obs('Pod', 'DELETED', rawPod({ ...pods.a, ready: false, deleting: '2026-03-01T02:10:40Z' })),
    (x) => x.obs('EndpointSlice', 'MODIFIED', slice(ep('b'), ep('c'), ep('d'), ep('e'))),
  );
  // readiness flap of b
  await put(
    '02:15:00',
    (x) => x.obs('Pod', 'MODIFIED', rawPod({ ...pods.b, ready: false })),
    (x) =>
      x.obs(
        'EndpointSlice',
        'MODIFIED',
        slice(ep('b', { ready: false, serving: false }), ep('c'), ep('d'), ep('e')),
      ),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['c', 'd', 'e'], ['b'])),
  );
  await put(
    '02:15:30',
    (x) => x.obs('Pod', 'MODIFIED', rawPod(pods.b)),
    (x) => x.obs('EndpointSlice', 'MODIFIED', slice(ep('b'), ep('c'), ep('d'), ep('e'))),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['b', 'c', 'd', 'e'])),
  );
  // f reuses a's IP
  await put('02:20:00', (x) => x.obs('Pod', 'ADDED', rawPod({ ...pods.f, ready: false })));
  await put(
    '02:20:05',
    (x) => x.obs('Pod', 'MODIFIED', rawPod(pods.f)),
    (x) => x.obs('EndpointSlice', 'MODIFIED', slice(ep('b'), ep('c'), ep('d'), ep('e'), ep('f'))),
    (x) => x.obs('Endpoints', 'MODIFIED', endpoints(['b', 'c', 'd', 'e', 'f'])),
  );

  // a recording gap: the slice stream broke at 02:25 and resumed at 02:27
  await store.append({
    observations: [],
    coverage: [
      { op: 'close', cluster: 'test', kind: 'EndpointSlice', at: t('02:25:00'), reason: 'stream-broken' },
    ],
  });
  await store.append({
    observations: [],
    coverage: [{ op: 'open', cluster: 'test', kind: 'EndpointSlice', at: t('02:27:00'), reason: 'resume' }],
  });
  return { store, path };
}
