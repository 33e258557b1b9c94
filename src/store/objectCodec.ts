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

export function encodeKeyFrame(json: Buffer): Buffer {
  return deflateRawSync(json, { dictionary: DICTIONARY_V1, level: 6 });
}

export function decodeKeyFrame(blob: Buffer): Buffer {
  return inflateRawSync(blob, { dictionary: DICTIONARY_V1 });
}

/** Key frame when `base` is null, else a delta against it. */
export const encodeObject = (json: Buffer, base: Buffer | null): Buffer =>
  base === null ? encodeKeyFrame(json) : encodeDelta(json, base);

export const decodeObject = (blob: Buffer, base: Buffer | null): Buffer =>
  base === null ? decodeKeyFrame(blob) : decodeDelta(blob, base);
