import { describe, expect, it } from 'vitest';
import { slimObject } from '../../src/model/index.js';
import { fullEndpointSlice, meta, slimmed } from './fixtures.js';

describe('slimObject(EndpointSlice)', () => {
  it('keeps service name, managed-by, endpoints with conditions and ports, and drops hints and topology', () => {
    const slice = slimmed('EndpointSlice', fullEndpointSlice());
    expect(slice).toEqual({
      kind: 'EndpointSlice',
      meta: {
        uid: '6f0c0000-0000-0000-0000-000000000005',
        namespace: 'shop',
        name: 'web-7x2kq',
        resourceVersion: '48213',
        labels: {
          app: 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          'kubernetes.io/service-name': 'web',
        },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2025-06-01T10:05:12Z' },
        ownerKind: 'Service',
        ownerName: 'web',
        createdAt: '2025-06-01T09:00:01Z',
        deletedAt: null,
      },
      serviceName: 'web',
      managedBy: 'endpointslice-controller.k8s.io',
      addressType: 'IPv6',
      endpoints: [
        {
          addresses: ['fd00:10:244:1::11'],
          conditions: { ready: true, serving: true, terminating: false },
          hostname: null,
          nodeName: 'node-a',
          zone: 'eu-west-1a',
          targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-abcde', uid: '0b6f' },
        },
        {
          addresses: ['fd00:10:244:2::9'],
          conditions: { ready: false, serving: true, terminating: true },
          hostname: 'web-1',
          nodeName: 'node-b',
          zone: null,
          targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-fghij', uid: '9a1e' },
        },
        {
          addresses: ['fd00:10:244:3::1'],
          conditions: { ready: null, serving: null, terminating: null },
          hostname: null,
          nodeName: null,
          zone: null,
          targetRef: null,
        },
      ],
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'http' },
        { name: null, port: 9090, protocol: 'TCP', appProtocol: null },
      ],
    });
    expect(JSON.stringify(slice)).not.toContain('hints');
    expect(JSON.stringify(slice)).not.toContain('deprecatedTopology');
  });

  it('reads null endpoints and ports (a controller slice of a selector-less service) as empty lists', () => {
    const slice = slimmed('EndpointSlice', {
      metadata: meta(),
      addressType: 'IPv4',
      endpoints: null,
      ports: null,
    });
    expect([slice.endpoints, slice.ports, slice.serviceName, slice.managedBy]).toEqual([[], [], null, null]);
  });

  it('keeps FQDN addresses as written and a port without a number as null', () => {
    const slice = slimmed('EndpointSlice', {
      metadata: meta(),
      addressType: 'FQDN',
      endpoints: [{ addresses: ['db.example.com'], conditions: { ready: true } }],
      ports: [{ name: 'sql' }],
    });
    expect(slice.endpoints[0]?.addresses).toEqual(['db.example.com']);
    expect(slice.ports).toEqual([{ name: 'sql', port: null, protocol: 'TCP', appProtocol: null }]);
  });

  it('rejects a slice without addressType or with a non-boolean condition', () => {
    expect(slimObject('EndpointSlice', { metadata: meta() })).toMatchObject({
      ok: false,
      reason: 'invalid-field',
    });
    const bad = {
      metadata: meta(),
      addressType: 'IPv4',
      endpoints: [{ addresses: [], conditions: { ready: 'yes' } }],
    };
    expect(slimObject('EndpointSlice', bad)).toMatchObject({
      ok: false,
      reason: 'invalid-field',
      detail: 'endpoints[0].conditions.ready: expected boolean, got string',
    });
  });
});
