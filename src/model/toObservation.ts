import { canonicalJson, hashOfCanonical } from './contentHash.js';
import { slimObject } from './slimObject.js';
import type { EventSource, EventType, Kind, Observation, Rejection } from './types.js';

export interface ObservationInput {
  cluster: string;
  kind: Kind;
  type: EventType;
  source: EventSource;
  /** The raw object from a list item or a watch event. */
  raw: unknown;
  /** Epoch ms when we saw it. */
  observedAt: number;
  /** For relist-inferred changes: the start of the gap. */
  notBefore?: number | null;
  /** UTF-8 length of the raw JSON, when known (see SlimOptions.rawBytes). */
  rawBytes?: number;
}

/**
 * The Observation for one change: the slim object, its identity, content hash and time hints.
 * Returns the `Rejection` of `slimObject` unchanged when the raw object cannot be recorded.
 */
export function toObservation(input: ObservationInput): { ok: true; observation: Observation } | Rejection {
  const slim = slimObject(
    input.kind,
    input.raw,
    input.rawBytes === undefined ? {} : { rawBytes: input.rawBytes },
  );
  if (!slim.ok) return slim;
  const { meta } = slim.object;
  const json = Buffer.from(canonicalJson(slim.object));
  return {
    ok: true,
    observation: {
      cluster: input.cluster,
      kind: input.kind,
      type: input.type,
      source: input.source,
      uid: meta.uid,
      namespace: meta.namespace,
      name: meta.name,
      resourceVersion: meta.resourceVersion,
      observedAt: input.observedAt,
      notBefore: input.notBefore ?? null,
      occurredAt: slim.occurredAt,
      object: slim.object,
      hash: hashOfCanonical(json),
      json,
    },
  };
}
