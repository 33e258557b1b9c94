import { describe, expect, it } from 'vitest';
import { endpointsObject, podReference } from '../../../src/kube/index.js';

const metadata = { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7' };
const ref = podReference({ namespace: 'shop', name: 'web-0', uid: 'p-1' });

describe('endpointsObject', () => {
  it('writes one subset per given backend set, TCP unless told, and no empty address lists', () => {
    const ep = endpointsObject({
      metadata,
      subsets: [
        {
          addresses: [{ targetRef: ref, nodeName: 'node-1', ip: '10.0.0.1' }],
          notReadyAddresses: [],
          ports: [{ port: 8080 }],
        },
      ],
    });
    expect(ep).toEqual({
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata,
      subsets: [
        {
          addresses: [
            {
              ip: '10.0.0.1',
              nodeName: 'node-1',
              targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-0', uid: 'p-1' },
            },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    expect(Object.keys(ep.subsets?.[0]?.addresses?.[0] ?? {})).toEqual(['ip', 'nodeName', 'targetRef']);
  });

  it('has no subsets key for a service without backends', () => {
    const ep = endpointsObject({ metadata, subsets: [{ addresses: [], ports: [{ port: 8080 }] }] });
    expect('subsets' in ep).toBe(false);
  });
});
