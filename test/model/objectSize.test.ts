import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytesAtMost, MAX_OBJECT_BYTES, slimObject } from '../../src/model/index.js';
import { fullPod } from './fixtures.js';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('jsonBytesAtMost', () => {
  it('never claims a JSON value fits when its text is longer', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 4000 }), (value, max) => {
        if (jsonBytesAtMost(value, max)) expect(bytes(value)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells at once that a pod fits the object limit', () => {
    expect(jsonBytesAtMost(fullPod(), MAX_OBJECT_BYTES)).toBe(true);
  });

  it('cannot tell for values JSON.parse does not produce, nor for very deep nesting', () => {
    expect(jsonBytesAtMost({ at: new Date(0) }, 1000)).toBe(false);
    expect(jsonBytesAtMost({ n: 1n }, 1000)).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(jsonBytesAtMost(deep, 1000)).toBe(false);
  });
});

describe('slimObject measures what the bound cannot tell', () => {
  // The bound counts every character as an escape: an object of ASCII text between max/6 and max
  // bytes is measured exactly, so the limit stays exact to the byte.
  const podOfBytes = (n: number) => {
    const pod = fullPod();
    const pad = n - bytes({ ...pod, padding: '' });
    return { ...pod, padding: 'x'.repeat(pad) };
  };

  it('accepts an object of exactly the limit and refuses one byte more', () => {
    expect(bytes(podOfBytes(10_000))).toBe(10_000);
    expect(slimObject('Pod', podOfBytes(10_000), { maxBytes: 10_000 }).ok).toBe(true);
    expect(slimObject('Pod', podOfBytes(10_001), { maxBytes: 10_000 })).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });

  it('still refuses a cyclic object as invalid rather than looping', () => {
    const pod = fullPod() as Record<string, unknown>;
    pod.self = pod;
    expect(slimObject('Pod', pod)).toMatchObject({ ok: false, reason: 'invalid-field' });
  });
});
