import { describe, expect, it } from 'vitest';
import { slimObject } from '../../src/model/index.js';
import { fullEndpoints, meta, slimmed } from './fixtures.js';

describe('slimObject(Endpoints)', () => {
  it('keeps subsets, addresses, targetRefs, ports and the two whitelisted annotations only', () => {
    expect(slimmed('Endpoints', fullEndpoints())).toEqual({
      kind: 'Endpoints',
      meta: {
        uid: '5b1c0000-0000-0000-0000-000000000004',
        namespace: 'shop',
        name: 'web',
        resourceVersion: '48214',
        labels: { app: 'web' },
        annotations: {
          'endpoints.kubernetes.io/last-change-trigger-time': '2025-06-01T10:05:12.123456Z',
          'endpoints.kubernetes.io/over-capacity': 'truncated',
        },
        ownerKind: null,
        ownerName: null,
        createdAt: '2025-06-01T09:00:00Z',
        deletedAt: null,
      },
      subsets: [
        {
          addresses: [
            {
              ip: '10.244.1.17',
              hostname: null,
              nodeName: 'node-a',
              targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-abcde', uid: '0b6f' },
            },
          ],
          notReadyAddresses: [
            {
              ip: '10.244.2.9',
              hostname: 'web-1',
              nodeName: null,
              targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-5d8c7b9f4-fghij', uid: '9a1e' },
            },
          ],
          ports: [
            { name: 'http', port: 8080, protocol: 'TCP', appProtocol: null },
            { name: null, port: 9090, protocol: 'TCP', appProtocol: null },
          ],
        },
      ],
    });
  });

  it('reads an Endpoints without subsets (no backends) as an empty list', () => {
    expect(slimmed('Endpoints', { metadata: meta() }).subsets).toEqual([]);
  });

  it('canonicalises IPv6 addresses and keeps an unparseable address as written', () => {
    const slim = slimmed('Endpoints', {
      metadata: meta(),
      subsets: [{ addresses: [{ ip: 'FD00::0001' }, { ip: 'not-an-ip' }] }],
    });
    expect(slim.subsets[0]?.addresses.map((a) => a.ip)).toEqual(['fd00::1', 'not-an-ip']);
  });

  it('rejects an address without an ip as a structural error', () => {
    const result = slimObject('Endpoints', {
      metadata: meta(),
      subsets: [{ addresses: [{ nodeName: 'a' }] }],
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid-field',
      detail: 'subsets[0].addresses[0].ip: required string is absent',
    });
  });
});
