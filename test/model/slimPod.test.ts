import { describe, expect, it } from 'vitest';
import { FORBIDDEN_KEYS, fullPod, meta, SECRET_STRINGS, slimmed } from './fixtures.js';

function allKeys(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) allKeys(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      allKeys(child, into);
    }
  }
  return into;
}

describe('slimObject(Pod)', () => {
  it('stores none of the secrets, env, volumes, args, commands, managedFields or last-applied annotation', () => {
    const json = JSON.stringify(slimmed('Pod', fullPod()));
    for (const secret of SECRET_STRINGS) expect(json).not.toContain(secret);
    const keys = allKeys(JSON.parse(json));
    for (const key of FORBIDDEN_KEYS) expect(keys.has(key)).toBe(false);
    expect(json).not.toContain('last-applied');
    expect(json).not.toContain('hunter2');
  });

  it('keeps every whitelisted field, in the order of types.ts', () => {
    const pod = slimmed('Pod', fullPod());
    expect(pod).toEqual({
      kind: 'Pod',
      meta: {
        uid: '0b6f3c1e-1111-4a2b-9c3d-000000000001',
        namespace: 'shop',
        name: 'web-5d8c7b9f4-abcde',
        resourceVersion: '48260',
        labels: { app: 'web', 'pod-template-hash': '5d8c7b9f4' },
        annotations: {},
        ownerKind: 'ReplicaSet',
        ownerName: 'web-5d8c7b9f4',
        createdAt: '2025-06-01T10:04:58Z',
        deletedAt: null,
      },
      nodeName: 'node-a',
      hostNetwork: false,
      hostname: null,
      subdomain: null,
      containers: [
        {
          name: 'web',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: null, containerPort: 9090, protocol: 'TCP' },
          ],
        },
        { name: 'sidecar', ports: [] },
      ],
      phase: 'Running',
      podIPs: ['10.244.1.17', 'fd00:10:244:1::11'],
      hostIP: '192.168.0.11',
      conditions: [
        {
          type: 'PodReadyToStartContainers',
          status: 'True',
          lastTransitionTime: '2025-06-01T10:05:01Z',
          reason: null,
        },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2025-06-01T10:04:59Z', reason: null },
        { type: 'Ready', status: 'True', lastTransitionTime: '2025-06-01T10:05:12Z', reason: null },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: '2025-06-01T10:05:12Z', reason: null },
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: '2025-06-01T10:04:58Z',
          reason: 'Scheduled',
        },
      ],
      containerStatuses: [
        { name: 'web', ready: true, restartCount: 2, state: 'running' },
        { name: 'sidecar', ready: false, restartCount: 0, state: 'waiting:CrashLoopBackOff' },
      ],
    });
    expect(Object.keys(pod)).toEqual([
      'kind',
      'meta',
      'nodeName',
      'hostNetwork',
      'hostname',
      'subdomain',
      'containers',
      'phase',
      'podIPs',
      'hostIP',
      'conditions',
      'containerStatuses',
    ]);
  });

  it('sorts labels by key whatever order the server wrote them in', () => {
    const pod = slimmed('Pod', { metadata: meta({ labels: { z: '1', a: '2', m: '3' } }) });
    expect(Object.keys(pod.meta.labels)).toEqual(['a', 'm', 'z']);
  });

  it('falls back to status.podIP when podIPs is absent (servers before dual-stack)', () => {
    const pod = slimmed('Pod', { metadata: meta(), status: { podIP: '2001:DB8:0:0:0:0:0:1' } });
    expect(pod.podIPs).toEqual(['2001:db8::1']);
  });

  it('takes the first ownerReference when none is the controller', () => {
    const pod = slimmed('Pod', {
      metadata: meta({
        ownerReferences: [
          { kind: 'Job', name: 'first' },
          { kind: 'Node', name: 'second' },
        ],
      }),
    });
    expect([pod.meta.ownerKind, pod.meta.ownerName]).toEqual(['Job', 'first']);
  });

  it('reads terminated containers as terminated:<reason> and a stateless one as null', () => {
    const pod = slimmed('Pod', {
      metadata: meta(),
      spec: { hostNetwork: true },
      status: {
        containerStatuses: [
          {
            name: 'a',
            ready: false,
            restartCount: 0,
            state: { terminated: { reason: 'Completed', exitCode: 0 } },
          },
          { name: 'b', ready: false, restartCount: 0, state: { waiting: {} } },
          { name: 'c', ready: false, restartCount: 0 },
        ],
      },
    });
    expect(pod.hostNetwork).toBe(true);
    expect(pod.containerStatuses.map((s) => s.state)).toEqual(['terminated:Completed', 'waiting', null]);
  });

  it('keeps the deletion timestamp of a terminating pod', () => {
    const raw = fullPod();
    (raw.metadata as Record<string, unknown>).deletionTimestamp = '2025-06-01T10:07:30Z';
    expect(slimmed('Pod', raw).meta.deletedAt).toBe('2025-06-01T10:07:30Z');
  });
});
