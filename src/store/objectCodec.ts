import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { decodeDelta, encodeDelta } from './deltaCodec.js';
import { DICTIONARY_V1 } from './dictionary.js';

/**
 * How stored objects are encoded. Consecutive versions of one object differ in one small region
 * (a readiness flag, a condition, one endpoint of a slice), and the serialised form has a stable
 * key order with the resourceVersion blanked, so a delta is: the length of the prefix and of the
 * suffix shared with the previous version, plus runs of the base for what lies between (see
 * deltaCodec). That costs a few µs, where a zlib call costs tens. Every KEY_FRAME_INTERVAL-th version is a key frame, raw-deflated against a
 * static dictionary, which bounds decode chains and keeps the base compact.
 */
export const KEY_FRAME_INTERVAL = 16;

/**
 * A 4 KB window (windowBits 12) instead of zlib's 32 KB: the same bytes out for slim objects (the
 * repeats in one lie within a few hundred bytes of each other: 110 B for a 1.1 KB pod either way),
 * and zlib allocates and clears far less state per call, which is most of a small object's cost
 * (≈ 2× faster; a first list of 150,000 pods makes as many key frames). Inflating needs no change:
 * a raw inflate with the default 32 KB window reads any smaller window, and the dictionary's last
 * 4 KB (all of it) are what both sides' distances refer to. The output is collected in 1 KB chunks
 * rather than zlib's default 16 KB: a key frame of a slim object is a few hundred bytes, and each
 * 16 KB chunk was an ArrayBuffer of its own, pinned by the event row until its batch was written.
 */
const DEFLATE_OPTIONS = { dictionary: DICTIONARY_V1, level: 6, windowBits: 12, chunkSize: 1024 };

export function encodeKeyFrame(json: Buffer): Buffer {
  return deflateRawSync(json, DEFLATE_OPTIONS);
}

/**
 * zlib allocates its output in chunks of `chunkSize` (default 16 KB) and hands back a view of the
 * first when the output fits: a slim object is 1–3 KB, so 4 KB chunks allocate less per call and pin
 * less in callers that keep the JSON (a replay keeps each live object's last version).
 */
const INFLATE_OPTIONS = { dictionary: DICTIONARY_V1, chunkSize: 4096 };

export function decodeKeyFrame(blob: Buffer): Buffer {
  return inflateRawSync(blob, INFLATE_OPTIONS);
}

/** Key frame when `base` is null, else a delta against it. */
export const encodeObject = (json: Buffer, base: Buffer | null): Buffer =>
  base === null ? encodeKeyFrame(json) : encodeDelta(json, base);

export const decodeObject = (blob: Buffer, base: Buffer | null): Buffer =>
  base === null ? decodeKeyFrame(blob) : decodeDelta(blob, base);
