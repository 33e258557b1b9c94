import { isKind } from './isKind.js';
import { intAt, isJsonObject, type JsonObject, objectAt } from './jsonFields.js';
import { exceedsBytes, jsonBytesAtMost, MAX_OBJECT_BYTES } from './objectSize.js';
import { occurredAtOf } from './occurredAt.js';
import { Rejected, rejection } from './rejected.js';
import { slimEndpointSlice } from './slimEndpointSlice.js';
import { slimEndpoints } from './slimEndpoints.js';
import { slimMeta } from './slimMeta.js';
import { slimPod } from './slimPod.js';
import { slimService } from './slimService.js';
import type { Kind, Rejection, SlimMeta, SlimObject } from './types.js';

export type SlimResult = { ok: true; object: SlimObject; occurredAt: number | null } | Rejection;

export interface SlimOptions {
  /**
   * UTF-8 length of the object's JSON text when the caller has it (a watch line). Without it the
   * object is serialised once to measure it.
   */
  rawBytes?: number;
  /** Defaults to MAX_OBJECT_BYTES. */
  maxBytes?: number;
}

const SLIMMERS: Record<Kind, (raw: JsonObject, meta: SlimMeta) => SlimObject> = {
  Pod: slimPod,
  Service: slimService,
  Endpoints: slimEndpoints,
  EndpointSlice: slimEndpointSlice,
};

function sizeRejection(kind: Kind, raw: JsonObject, options: SlimOptions): Rejection | null {
  const maxBytes = options.maxBytes ?? MAX_OBJECT_BYTES;
  let tooLarge: boolean;
  if (options.rawBytes !== undefined) tooLarge = options.rawBytes > maxBytes;
  else if (jsonBytesAtMost(raw, maxBytes)) tooLarge = false;
  else {
    try {
      tooLarge = exceedsBytes(JSON.stringify(raw), maxBytes);
    } catch (error) {
      // Only values JSON.parse cannot produce get here (a BigInt, a cycle).
      return rejection('invalid-field', error instanceof Error ? error.message : String(error));
    }
  }
  return tooLarge ? rejection('too-large', `${kind} is larger than ${maxBytes} bytes`) : null;
}

/**
 * The slim, whitelisted form of one raw object of `kind`, as a list returns its items (no
 * kind/apiVersion) or a watch event carries it (with kind, which must then equal `kind`).
 *
 * Never throws: every problem is a `Rejection` — `unknown-kind`, `not-an-object`, `too-large`,
 * `kind-mismatch`, `missing-uid`/`missing-name`/`missing-resource-version`, or `invalid-field`
 * when a field we keep (or a container of one) has the wrong JSON type or a required value is
 * absent. Fields we do not keep are never looked at, so unknown or malformed extra fields are
 * harmless. Every object is built field by field in the order of `types.ts`, so its
 * `JSON.stringify` is canonical. `occurredAt` is `occurredAtOf` the result.
 */
export function slimObject(kind: Kind, raw: unknown, options: SlimOptions = {}): SlimResult {
  if (!isKind(kind)) return rejection('unknown-kind', `${String(kind)} is not one of the recorded kinds`);
  if (!isJsonObject(raw)) return rejection('not-an-object', `a ${kind} must be a JSON object`);
  const tooLarge = sizeRejection(kind, raw, options);
  if (tooLarge !== null) return tooLarge;
  try {
    if (raw.kind !== undefined && raw.kind !== kind) {
      return rejection('kind-mismatch', `expected ${kind}, got ${JSON.stringify(raw.kind)}`);
    }
    const meta = slimMeta(raw);
    const object = SLIMMERS[kind](raw, meta);
    const grace =
      kind === 'Pod'
        ? intAt(objectAt(raw, 'metadata', '') ?? {}, 'deletionGracePeriodSeconds', 'metadata')
        : null;
    return { ok: true, object, occurredAt: occurredAtOf(object, grace) };
  } catch (error) {
    if (error instanceof Rejected) return error.toRejection();
    throw error;
  }
}
