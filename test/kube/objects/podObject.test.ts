import { describe, expect, it } from 'vitest';
import { podCondition, podObject, podSpecDefaults } from '../../../src/kube/index.js';
import { slimObject } from '../../../src/model/index.js';

const metadata = { name: 'web-0', namespace: 'shop', uid: 'u-1', resourceVersion: '7' };
const containers = [{ name: 'web', ports: [{ containerPort: 8080 }] }];

describe('podObject', () => {
  it('writes metadata, spec and status in the Go structs’ field order whatever order it is given', () => {
    const pod = podObject({
      metadata: {
        labels: { app: 'web' },
        resourceVersion: '7',
        uid: 'u-1',
        namespace: 'shop',
        name: 'web-0',
      },
      spec: { hostname: 'h', nodeName: 'node-1', containers, volumes: [] },
      status: { qosClass: 'Burstable', podIPs: ['10.0.0.1'], hostIP: '192.168.0.11', phase: 'Running' },
    });
    expect(Object.keys(pod)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(pod.metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'labels']);
    expect(Object.keys(pod.spec)).toEqual(['volumes', 'containers', 'nodeName', 'hostname']);
    expect(Object.keys(pod.status)).toEqual(['phase', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'qosClass']);
  });

  it('fills what the server always writes: port protocol, hostIPs, podIP beside podIPs, lastProbeTime', () => {
    const pod = podObject({
      metadata,
      spec: { containers },
      status: {
        hostIP: '192.168.0.11',
        podIPs: ['10.0.0.1', 'fd00::1'],
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      },
    });
    expect(pod.spec.containers[0]?.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(pod.status).toEqual({
      conditions: [
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      hostIP: '192.168.0.11',
      hostIPs: [{ ip: '192.168.0.11' }],
      podIP: '10.0.0.1',
      podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }],
    });
  });

  it('leaves out what is not given — no podIP for a pod without IPs, no empty labels — and keeps what is', () => {
    const pod = podObject({
      metadata: { ...metadata, labels: {}, annotations: {} },
      spec: { containers, hostname: '' },
      status: { phase: 'Pending', podIPs: [] },
    });
    expect(pod.metadata).toEqual(metadata);
    expect(pod.status).toEqual({ phase: 'Pending' });
    expect(pod.spec.hostname).toBe('');
    expect('nodeName' in pod.spec).toBe(false);
  });

  it('owns its labels: changing the built pod leaves the caller’s map alone', () => {
    const labels = { app: 'web' };
    const pod = podObject({ metadata: { ...metadata, labels }, spec: { containers } });
    pod.metadata.labels!.app = 'changed';
    expect(labels.app).toBe('web');
  });

  it('adds no spec defaults by itself; podSpecDefaults gives fresh ones per pod', () => {
    expect(Object.keys(podObject({ metadata, spec: { containers } }).spec)).toEqual(['containers']);
    const a = podSpecDefaults();
    const b = podSpecDefaults();
    expect(a).toEqual(b);
    expect(a.tolerations).not.toBe(b.tolerations);
    expect(a).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
    });
  });

  it('builds a pod slimming accepts', () => {
    const pod = podObject({
      metadata,
      spec: { containers },
      status: { phase: 'Running', podIPs: ['10.0.0.1'] },
    });
    expect(slimObject('Pod', pod)).toMatchObject({
      ok: true,
      object: { podIPs: ['10.0.0.1'], phase: 'Running' },
    });
  });
});

describe('podCondition', () => {
  it('keeps a given lastProbeTime and writes reason and message only when given', () => {
    expect(podCondition({ type: 'Ready', status: 'False', lastProbeTime: '2026-01-01T00:00:00Z' })).toEqual({
      type: 'Ready',
      status: 'False',
      lastProbeTime: '2026-01-01T00:00:00Z',
    });
    expect(Object.keys(podCondition({ type: 'Ready', status: 'False', reason: 'R', message: 'M' }))).toEqual([
      'type',
      'status',
      'lastProbeTime',
      'reason',
      'message',
    ]);
  });
});
