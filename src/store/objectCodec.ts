import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY_V1 } from './dictionary.js';

/**
 * Events of one object differ by a few bytes from version to version, so each stored object is
 * raw-deflated with the previous version's JSON as the preset dictionary (a delta), and every
 * KEY_FRAME_INTERVAL-th version against the static dictionary (a key frame) to bound decode chains.
 */
export const KEY_FRAME_INTERVAL = 16;

const LEVEL = 6;

export function encodeObject(json: Buffer, base: Buffer | null): Buffer {
  return deflateRawSync(json, { dictionary: base ?? DICTIONARY_V1, level: LEVEL });
}

export function decodeObject(blob: Buffer, base: Buffer | null): Buffer {
  return inflateRawSync(blob, { dictionary: base ?? DICTIONARY_V1 });
}
