import { createHash } from 'node:crypto';
import type { SlimObject } from './types.js';

/**
 * The canonical serialised form of a slim object: its JSON with `meta.resourceVersion` blanked. It is
 * what the content hash covers and what the store keeps (the version is a column of the event). The
 * RV changes on every write, including writes that touch only fields we drop; leaving it out makes
 * such a MODIFIED identical to its predecessor, so it is skipped, and keeps stored versions
 * byte-identical except where something really changed, which keeps deltas small.
 *
 * Relies on the canonical key order that `slimObject` builds (and that JSON.parse of a stored object
 * preserves).
 */
export function canonicalJson(object: SlimObject): string {
  // blanked in place and put back, rather than stringifying two spread copies per object
  const { meta } = object;
  const resourceVersion = meta.resourceVersion;
  meta.resourceVersion = '';
  try {
    return JSON.stringify(object);
  } finally {
    meta.resourceVersion = resourceVersion;
  }
}

/**
 * First 16 hex digits (64 bits) of the SHA-256 of a canonical JSON text. Hex-encodes only those 8
 * bytes: `.slice(0, 16)` of the 64-digit text would be a sliced string that keeps its 64-digit parent
 * alive for as long as the hash is remembered (≈ 80 bytes more for every object the store knows).
 */
export function hashOfCanonical(json: string | Buffer): string {
  return createHash('sha256').update(json).digest().toString('hex', 0, 8);
}

/** A stable content hash of a slim object (resourceVersion excluded; see canonicalJson). */
export function contentHash(object: SlimObject): string {
  return hashOfCanonical(canonicalJson(object));
}
