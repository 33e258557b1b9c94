import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDelta, encodeDelta } from '../../src/store/deltaCodec.js';

describe('deltaCodec', () => {
  it('round-trips any pair of byte strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), (a, b) => {
        const base = Buffer.from(a);
        const next = Buffer.from(b);
        expect(decodeDelta(encodeDelta(next, base), base).equals(next)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips edits of JSON text: replacements, insertions, deletions and moves', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat(40), text: fc.string({ maxLength: 60 }) });
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), fc.array(edit, { maxLength: 6 }), (json, edits) => {
        let text = json.repeat(3);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.text + text.slice(Math.min(text.length, at + e.cut));
        }
        const base = Buffer.from(json.repeat(3));
        const next = Buffer.from(text);
        expect(decodeDelta(encodeDelta(next, base), base).equals(next)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a small change inside a large object in a few dozen bytes', () => {
    const endpoint = (i: number, ready: boolean) =>
      `{"addresses":["10.0.${i}.1"],"conditions":{"ready":${ready}},"nodeName":"node-${i}"}`;
    const slice = (flip: number) =>
      `{"endpoints":[${Array.from({ length: 100 }, (_, i) => endpoint(i, i !== flip)).join(',')}]}`;
    const base = Buffer.from(slice(-1));
    const next = Buffer.from(slice(42));
    const delta = encodeDelta(next, base);
    expect(delta.length).toBeLessThan(24);
    expect(decodeDelta(delta, base).equals(next)).toBe(true);
  });

  it('encodes an address moved to another list by copying it from the base', () => {
    const addr = (i: number) =>
      `{"ip":"10.244.1.${i}","nodeName":"node-1","targetRef":{"kind":"Pod","name":"hello-7d9f-${i}xyzw","uid":"5b1c9d2e-${i}"}}`;
    const base = Buffer.from(`{"addresses":[${[1, 2, 3, 4].map(addr).join(',')}],"notReadyAddresses":[]}`);
    const next = Buffer.from(
      `{"addresses":[${[1, 2, 4].map(addr).join(',')}],"notReadyAddresses":[${addr(3)}]}`,
    );
    const delta = encodeDelta(next, base);
    expect(delta.length).toBeLessThan(40);
    expect(decodeDelta(delta, base).equals(next)).toBe(true);
  });
});
