import { createHash } from 'node:crypto';
import type { SlimObject } from './types.js';

/**
 * A stable content hash of a slim object: the first 16 hex digits (64 bits) of the SHA-256 of its
 * JSON, with `meta.resourceVersion` blanked. The RV changes on every write, including writes that
 * touch only fields we drop (env, managedFields, a status heartbeat); leaving it out makes such a
 * MODIFIED hash like its predecessor, so the store can skip it as a no-op.
 *
 * Relies on the canonical key order that `slimObject` builds (and that JSON.parse of a stored
 * object preserves); equal slim objects built elsewhere in another key order hash differently.
 */
export function contentHash(object: SlimObject): string {
  const hashed = { ...object, meta: { ...object.meta, resourceVersion: '' } };
  return createHash('sha256').update(JSON.stringify(hashed)).digest('hex').slice(0, 16);
}
