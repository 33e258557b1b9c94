import type { SlimObject } from '../model/types.js';

/**
 * The stored form of a slim object: its JSON with metadata.resourceVersion blanked. The version is
 * a column of the event already, and leaving it out keeps consecutive versions byte-identical
 * except where something really changed, which is what makes deltas small.
 */
export function serialise(object: SlimObject): Buffer {
  return Buffer.from(JSON.stringify({ ...object, meta: { ...object.meta, resourceVersion: '' } }));
}

export function deserialise(json: Buffer, resourceVersion: string): SlimObject {
  const object = JSON.parse(json.toString('utf8')) as SlimObject;
  object.meta.resourceVersion = resourceVersion;
  return object;
}
