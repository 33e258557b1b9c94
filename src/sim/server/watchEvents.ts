import { bookmarkObject as kubeBookmark } from '../../kube/watchEventLine.js';
import type { RawObject, SimChange } from '../simStore.js';
import type { SimResource } from './resources.js';
import { withKind } from './respond.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: Record<string, unknown>;
}

const stamp = (o: RawObject, rev: number): RawObject => ({
  ...o,
  metadata: { ...o.metadata, resourceVersion: String(rev) },
});

/**
 * Turns a store change into what a watcher with predicate `matches` sees (cache_watcher.go
 * `convertToWatchEvent`): an object entering the selection is ADDED, one leaving it is DELETED with its
 * previous body stamped with the change's revision, DELETED carries the last body at the deletion
 * revision. Null when the watcher sees nothing.
 */
export function toWatchEvent(
  change: SimChange,
  resource: SimResource,
  matches: (o: RawObject) => boolean,
): WatchEvent | null {
  if (change.kind !== resource.kind) return null;
  const out = (type: WatchEventType, o: RawObject): WatchEvent => ({
    type,
    object: withKind(o, resource.kind, resource.apiVersion),
  });
  const oldPasses = change.old !== null && matches(change.old);
  if (change.type === 'DELETED') return oldPasses ? out('DELETED', change.object) : null;
  const curPasses = matches(change.object);
  if (change.type === 'ADDED') return curPasses ? out('ADDED', change.object) : null;
  if (curPasses && oldPasses) return out('MODIFIED', change.object);
  if (curPasses) return out('ADDED', change.object);
  if (oldPasses) return out('DELETED', stamp(change.old!, change.rev));
  return null;
}

/** The BOOKMARK object, as src/kube writes it (with the initial-events-end annotation when asked). */
export function bookmarkObject(
  resource: SimResource,
  rev: number,
  initialEventsEnd = false,
): Record<string, unknown> {
  return kubeBookmark(resource, String(rev), initialEventsEnd);
}
