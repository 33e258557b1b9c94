import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_V1 } from '../../src/store/dictionary.js';
import { decodeKeyFrame, encodeKeyFrame } from '../../src/store/objectCodec.js';

describe('key frames', () => {
  // zlib's output comes in 4 KB chunks: objects below, at and well above one chunk must all come back whole
  it.each([0, 1, 4095, 4096, 4097, 30_000])('round-trip a %i-byte object', (size) => {
    const alphabet = '{"kind":"Pod",}[]0123456789abcdef';
    const text = Array.from({ length: size }, (_, i) => alphabet[(i * 7 + (i >> 5)) % alphabet.length]);
    const json = Buffer.from(text.join(''));
    expect(json.length).toBe(size);
    const decoded = decodeKeyFrame(encodeKeyFrame(json));
    expect(decoded.equals(json)).toBe(true);
  });

  it('round-trip a large slice-like object with varied content', () => {
    const endpoints = Array.from({ length: 100 }, (_, i) => ({
      addresses: [`10.244.${i >> 8}.${i & 255}`],
      conditions: { ready: i % 3 !== 0, serving: true, terminating: false },
      targetRef: { kind: 'Pod', name: `web-${i.toString(36)}`, uid: `uid-${i * 7919}` },
    }));
    const json = Buffer.from(JSON.stringify({ kind: 'EndpointSlice', endpoints }));
    expect(json.length).toBeGreaterThan(4096 * 2);
    expect(decodeKeyFrame(encodeKeyFrame(json)).equals(json)).toBe(true);
  });

  // Stores written before key frames used a 4 KB window hold 32 KB-window frames: they must still read.
  it('decodes a key frame deflated with the 32 KB window of earlier versions', () => {
    const json = Buffer.from(
      JSON.stringify({
        kind: 'Pod',
        meta: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
      }).repeat(40),
    );
    const old = deflateRawSync(json, { dictionary: DICTIONARY_V1, level: 6 });
    expect(decodeKeyFrame(old).equals(json)).toBe(true);
  });
});
