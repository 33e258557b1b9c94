import type { Observation } from '../model/types.js';
import { applyEvent } from '../projections/applyEvent.js';
import type { SqlIds } from '../projections/sql/ids.js';
import type { CachedObject } from './objectCache.js';
import { encodeObject, KEY_FRAME_INTERVAL } from './objectCodec.js';
import type { StoreState } from './StoreState.js';
import { serialise } from './serialise.js';
import type { StoreStatements } from './storeStatements.js';
import type { AppendResult } from './types.js';

export interface AppendContext {
  stmts: StoreStatements;
  ids: SqlIds;
  state: StoreState;
}

/**
 * Writes one observation inside the caller's transaction, or counts why it was not written: a
 * re-delivery (same resourceVersion) is a duplicate; a MODIFIED/ADDED whose slim object hashes like
 * the stored one, or a DELETED of an object already gone, is unchanged. observed_at is raised to the
 * cluster's clock floor when it goes backwards. The event's projection rows are written with it.
 * Returns the cluster id when an event was stored.
 */
export function appendObservation(ctx: AppendContext, obs: Observation, result: AppendResult): number | null {
  const { stmts, ids, state } = ctx;
  const clusterId = ids.cluster(obs.cluster);
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
    cached = newObject(ctx, clusterId, obs);
    state.objects.set(cached);
  }
  const json = serialise(obs);
  const base = cached.chainLength < KEY_FRAME_INTERVAL - 1 ? (state.lastJson.get(cached.id) ?? null) : null;
  const info = stmts.addEvent.run(
    cached.id,
    obs.resourceVersion,
    obs.type,
    obs.source,
    observedAt,
    obs.notBefore,
    obs.occurredAt,
    obs.hash,
    base === null ? null : cached.lastPosition,
    encodeObject(json, base),
  );
  if (info.changes === 0) {
    // an older version delivered again after a newer one: the unique key caught it
    result.duplicates++;
    return null;
  }
  const position = Number(info.lastInsertRowid);
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
  state.writer.apply(
    applyEvent(state.fold, {
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
  return clusterId;
}

function newObject(ctx: AppendContext, clusterId: number, obs: Observation): CachedObject {
  const id = Number(
    ctx.stmts.addObject.run(clusterId, obs.kind, obs.uid, obs.namespace, obs.name).lastInsertRowid,
  );
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
