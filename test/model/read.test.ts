import { describe, expect, it } from 'vitest';
import {
  isPodReady,
  podPrimaryIp,
  sliceEndpointReady,
  sliceEndpointServing,
  sliceEndpointTerminating,
} from '../../src/model/index.js';
import { fullPod, meta, slimmed } from './fixtures.js';

const pod = (raw: unknown) => slimmed('Pod', raw);

describe('model readers', () => {
  it('calls a pod ready only when its Ready condition is "True"', () => {
    expect(isPodReady(pod(fullPod()))).toBe(true);
    const notReady = { metadata: meta(), status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(isPodReady(pod(notReady))).toBe(false);
    const onlyContainersReady = {
      metadata: meta(),
      status: { conditions: [{ type: 'ContainersReady', status: 'True' }] },
    };
    expect(isPodReady(pod(onlyContainersReady))).toBe(false);
    expect(isPodReady(pod({ metadata: meta() }))).toBe(false);
  });

  it('gives the first pod IP as primary, or null before one is assigned', () => {
    expect(podPrimaryIp(pod(fullPod()))).toBe('10.244.1.17');
    expect(podPrimaryIp(pod({ metadata: meta() }))).toBeNull();
  });

  it('reads unset slice conditions as ready, serving-as-ready and not terminating', () => {
    const unset = { ready: null, serving: null, terminating: null };
    expect([sliceEndpointReady(unset), sliceEndpointServing(unset), sliceEndpointTerminating(unset)]).toEqual(
      [true, true, false],
    );
    const mirroredNotReady = { ready: false, serving: null, terminating: null };
    expect(sliceEndpointServing(mirroredNotReady)).toBe(false);
    const terminating = { ready: false, serving: true, terminating: true };
    expect([
      sliceEndpointReady(terminating),
      sliceEndpointServing(terminating),
      sliceEndpointTerminating(terminating),
    ]).toEqual([false, true, true]);
  });
});
