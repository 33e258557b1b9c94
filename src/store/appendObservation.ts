import type { Observation } from '../model/types.js';
import { applyEvent, asFoldEvent } from '../projections/index.js';
import type { CachedObject } from './objectCache.js';
import { encodeObject, KEY_FRAME_INTERVAL } from './objectCodec.js';
import type { StoreState } from './StoreState.js';
import { serialise } from './serialise.js';
import type { AppendResult } from './types.js';
import type { WritePlan } from './WritePlan.js';

/** `objectId\0resourceVersion`: an event's identity in the log. */
export const eventKey = (objectId: number, resourceVersion: string): string =>
  `${objectId}\u0000${resourceVersion}`;

/**
 * Plans one observation into `plan`, or counts why it writes nothing: a re-delivery of the object's
 * last resourceVersion is a duplicate; a MODIFIED/ADDED whose slim object hashes like the last one,
 * or a DELETED of an object already gone, is unchanged; observed_at is raised to the cluster's clock
 * floor when it goes backwards (counted); then an older version delivered again — one planned in this
 * batch, or one `stored` names (the backend found it in the log) — is a duplicate. The event
 * gets the next position, a new object the next id; the fold's row changes go into the plan with
 * it. Changes the in-memory state as if the plan were committed. Returns the cluster id when an
 * event was planned.
 */
export function appendObservation(
  state: StoreState,
  plan: WritePlan,
  obs: Observation,
  result: AppendResult,
  planned: Set<string>,
  stored: ReadonlySet<string>,
): number | null {
  const clusterId = state.ids.cluster(obs.cluster, plan);
  let cached = state.objects.get(clusterId, obs.kind, obs.uid);
  if (cached && cached.lastRv === obs.resourceVersion) {
    result.duplicates++;
    return null;
  }
  if (cached && (obs.type === 'DELETED' ? !cached.alive : cached.alive && cached.lastHash === obs.hash)) {
    result.unchanged++;
    return null;
  }
  let observedAt = obs.observedAt;
  const floor = state.clusterLast.get(clusterId);
  if (floor !== undefined && observedAt < floor) {
    observedAt = floor;
    result.clockClamped++;
  }
  if (!cached) {
    cached = newObject(state, plan, clusterId, obs);
    state.objects.set(cached);
  } else if (
    planned.has(eventKey(cached.id, obs.resourceVersion)) ||
    stored.has(eventKey(cached.id, obs.resourceVersion))
  ) {
    // an older version delivered again after a newer one (the log's unique key would refuse it)
    result.duplicates++;
    return null;
  }
  const json = serialise(obs);
  const base = cached.chainLength < KEY_FRAME_INTERVAL - 1 ? (state.lastJson.get(cached.id) ?? null) : null;
  const position = state.ids.take('position', clusterId);
  plan.events.push({
    position,
    objectId: cached.id,
    resourceVersion: obs.resourceVersion,
    type: obs.type,
    source: obs.source,
    observedAt,
    notBefore: obs.notBefore,
    occurredAt: obs.occurredAt,
    hash: obs.hash,
    basePosition: base === null ? null : cached.lastPosition,
    object: encodeObject(json, base),
    json,
  });
  planned.add(eventKey(cached.id, obs.resourceVersion));
  const alive = obs.type !== 'DELETED';
  cached.lastPosition = position;
  cached.lastRv = obs.resourceVersion;
  cached.lastHash = obs.hash;
  cached.alive = alive;
  cached.chainLength = base === null ? 0 : cached.chainLength + 1;
  // An own copy: a small Buffer.from() is a slice of an 8 KB pool slab, which the cache would pin.
  if (alive) state.lastJson.set(cached.id, ownCopy(json));
  else state.lastJson.delete(cached.id);
  state.clusterLast.set(clusterId, observedAt);
  result.appended++;
  result.positions.push(position);
  result.appendedByKind[obs.kind] = (result.appendedByKind[obs.kind] ?? 0) + 1;
  const ops = applyEvent(
    state.fold,
    asFoldEvent({
      position,
      cluster: obs.cluster,
      kind: obs.kind,
      type: obs.type,
      uid: obs.uid,
      namespace: obs.namespace,
      name: obs.name,
      observedAt,
      object: obs.object,
    }),
  );
  state.writer.apply(ops, plan);
  return clusterId;
}

function newObject(state: StoreState, plan: WritePlan, clusterId: number, obs: Observation): CachedObject {
  const id = state.ids.take('object', clusterId);
  plan.objects.push({
    id,
    clusterId,
    kind: obs.kind,
    uid: obs.uid,
    namespace: obs.namespace,
    name: obs.name,
  });
  return {
    id,
    clusterId,
    kind: obs.kind,
    uid: obs.uid,
    namespace: obs.namespace,
    name: obs.name,
    lastPosition: 0,
    lastRv: '',
    lastHash: '',
    alive: false,
    chainLength: KEY_FRAME_INTERVAL,
  };
}

/** `b` in an ArrayBuffer of its own size. */
function ownCopy(b: Buffer): Buffer {
  if (b.buffer.byteLength === b.length) return b;
  const copy = Buffer.allocUnsafeSlow(b.length);
  b.copy(copy);
  return copy;
}
