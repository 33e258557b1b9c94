import fc from 'fast-check';
import type { Observation } from '../../src/model/types.js';
import { rawEndpoints, rawPod, rawService, rawSlice, Timeline } from '../helpers/k8s.js';

/** Random histories over a small universe so that objects collide: few pods, IPs, services, slices. */
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', 'fd00::1'];
const pod = (i: number) => ({ uid: `pod-uid-${i}`, name: `pod-${i}` });

const member = fc.record({
  pod: fc.nat(5),
  ready: fc.option(fc.boolean()),
  serving: fc.option(fc.boolean()),
  terminating: fc.option(fc.boolean()),
});

export const action = fc.oneof(
  fc.record({
    t: fc.constant('pod' as const),
    i: fc.nat(5),
    ip: fc.option(fc.nat(3)),
    ready: fc.boolean(),
    phase: fc.constantFrom('Pending', 'Running', 'Failed'),
    deleted: fc.boolean(),
    restarts: fc.nat(2),
  }),
  fc.record({
    t: fc.constant('svc' as const),
    s: fc.nat(1),
    selector: fc.boolean(),
    deleted: fc.boolean(),
    gen: fc.nat(1),
    port: fc.constantFrom(80, 8080),
  }),
  fc.record({
    t: fc.constant('slice' as const),
    s: fc.nat(1),
    k: fc.nat(1),
    label: fc.nat(2),
    members: fc.array(member, { maxLength: 4 }),
    deleted: fc.boolean(),
    v6: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('ep' as const),
    s: fc.nat(1),
    ready: fc.array(fc.nat(5), { maxLength: 3 }),
    notReady: fc.array(fc.nat(5), { maxLength: 2 }),
    deleted: fc.boolean(),
  }),
  fc.record({ t: fc.constant('redeliver' as const), back: fc.nat(20) }),
  fc.record({ t: fc.constant('noop' as const), back: fc.nat(20) }),
);

export const step = fc.record({ action, dt: fc.integer({ min: -1, max: 3 }) });

export type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Turns steps into the observation stream a recorder would deliver (with re-deliveries and no-ops). */
export function observationsOf(steps: readonly Step[]): Observation[] {
  const tl = new Timeline(Date.parse('2026-03-01T00:00:00Z'));
  const out: Observation[] = [];
  const podIp = new Map<number, string | null>();
  const alive = new Set<string>();
  const typeOf = (key: string, deleted: boolean) => {
    if (deleted) {
      alive.delete(key);
      return 'DELETED' as const;
    }
    const was = alive.has(key);
    alive.add(key);
    return was ? ('MODIFIED' as const) : ('ADDED' as const);
  };
  for (const { action: a, dt } of steps) {
    tl.now += dt * 1000;
    switch (a.t) {
      case 'pod': {
        const ip = a.ip === null ? null : IPS[a.ip]!;
        podIp.set(a.i, ip);
        out.push(
          tl.obs(
            'Pod',
            typeOf(`pod${a.i}`, a.deleted),
            rawPod({
              ...pod(a.i),
              ips: ip ? [ip] : [],
              ready: a.ready,
              phase: a.phase,
              restarts: a.restarts,
            }),
          ),
        );
        break;
      }
      case 'svc':
        out.push(
          tl.obs(
            'Service',
            typeOf(`svc${a.s}`, a.deleted),
            rawService({
              uid: `svc-uid-${a.s}-${a.gen}`,
              name: `svc-${a.s}`,
              selector: a.selector ? { app: `svc-${a.s}` } : null,
              ports: [{ port: a.port, targetPort: 8080 }],
            }),
          ),
        );
        break;
      case 'slice': {
        const endpoints = a.members.map((m) => ({
          ip: a.v6 ? 'fd00::1' : (podIp.get(m.pod) ?? IPS[m.pod % 3]!),
          pod: pod(m.pod),
          ready: m.ready,
          serving: m.serving,
          terminating: m.terminating,
        }));
        out.push(
          tl.obs(
            'EndpointSlice',
            typeOf(`slice${a.s}${a.k}`, a.deleted),
            rawSlice({
              uid: `slice-uid-${a.s}-${a.k}`,
              name: `svc-${a.s}-${a.k}`,
              service: a.label === 2 ? null : `svc-${a.label}`,
              endpoints,
              addressType: a.v6 ? 'IPv6' : 'IPv4',
            }),
          ),
        );
        break;
      }
      case 'ep': {
        const addr = (i: number) => ({ ip: podIp.get(i) ?? IPS[i % 3]!, pod: pod(i) });
        out.push(
          tl.obs(
            'Endpoints',
            typeOf(`ep${a.s}`, a.deleted),
            rawEndpoints({
              uid: `ep-uid-${a.s}`,
              name: `svc-${a.s}`,
              ready: a.ready.map(addr),
              notReady: a.notReady.map(addr),
            }),
          ),
        );
        break;
      }
      case 'redeliver': {
        const prev = out[out.length - 1 - (a.back % Math.max(out.length, 1))];
        if (prev) out.push(prev);
        break;
      }
      case 'noop': {
        const prev = out[out.length - 1 - (a.back % Math.max(out.length, 1))];
        if (prev && prev.type !== 'DELETED') {
          tl.rv += 1;
          out.push({ ...prev, type: 'MODIFIED', resourceVersion: String(tl.rv), observedAt: tl.now });
        }
        break;
      }
    }
  }
  return out;
}
