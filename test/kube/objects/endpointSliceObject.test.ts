import { describe, expect, it } from 'vitest';
import { endpointSliceObject, podReference } from '../../../src/kube/index.js';

const metadata = { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7' };
const ref = podReference({ namespace: 'shop', name: 'web-0', uid: 'p-1' });

describe('endpointSliceObject', () => {
  it('sets the service-name and managed-by labels after the given ones, and keeps unset conditions unset', () => {
    const slice = endpointSliceObject({
      metadata: { ...metadata, labels: { app: 'web' } },
      serviceName: 'web',
      managedBy: 'endpointslice-controller.k8s.io',
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.1'],
          conditions: { terminating: false, ready: true },
          zone: 'a',
          targetRef: ref,
        },
        { addresses: ['10.0.0.2'], conditions: {} },
      ],
      ports: [{ name: 'http', port: 8080 }],
    });
    expect(slice.metadata.labels).toEqual({
      app: 'web',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(Object.keys(slice.metadata.labels ?? {})).toEqual([
      'app',
      'kubernetes.io/service-name',
      'endpointslice.kubernetes.io/managed-by',
    ]);
    expect(slice.endpoints?.[0]).toEqual({
      addresses: ['10.0.0.1'],
      conditions: { ready: true, terminating: false },
      targetRef: ref,
      zone: 'a',
    });
    expect(Object.keys(slice.endpoints?.[0] ?? {})).toEqual(['addresses', 'conditions', 'targetRef', 'zone']);
    expect(slice.endpoints?.[1]?.conditions).toEqual({});
    expect(slice.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
  });

  it('keeps null endpoints and ports, as the API serialises a slice without them', () => {
    const slice = endpointSliceObject({ metadata, addressType: 'IPv4', endpoints: null, ports: null });
    expect(slice.endpoints).toBeNull();
    expect(slice.ports).toBeNull();
    expect(JSON.parse(JSON.stringify(slice))).toMatchObject({ endpoints: null, ports: null });
  });
});
