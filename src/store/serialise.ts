import { canonicalJson } from '../model/contentHash.js';
import type { Observation, SlimObject } from '../model/types.js';

/** The stored form of an observation's object: its canonical JSON (model/contentHash). */
export function serialise(obs: Observation): Buffer {
  return obs.json ?? Buffer.from(canonicalJson(obs.object));
}

export function deserialise(json: Buffer, resourceVersion: string): SlimObject {
  const object = JSON.parse(json.toString('utf8')) as SlimObject;
  object.meta.resourceVersion = resourceVersion;
  return object;
}
