import type { Database } from 'better-sqlite3';
import type { SlimEndpointSlice } from '../../model/types.js';
import { type FoldState, setSlice } from '../foldState.js';
import { joinKey, serviceKey } from '../keys.js';
import type { OpenRows } from '../OpenRows.js';
import { OPEN_END } from '../types.js';
import { loadMarks } from './loadMarks.js';
import { readRows } from './readRows.js';

/** An alive slice (decoded: the union of a service's slices needs them) or Endpoints (identity only). */
export interface AliveObject {
  cluster: string;
  kind: 'EndpointSlice' | 'Endpoints';
  uid: string;
  namespace: string;
  name: string;
  position: number;
  /** The slice; null for Endpoints. */
  object: SlimEndpointSlice | null;
}

/**
 * Reloads the fold state from what the store holds now: the open projection rows (with the row ids
 * the writer needs), the first-seen marks, and the alive slices and Endpoints objects.
 */
export function loadState(
  db: Database,
  state: FoldState,
  rowIds: WeakMap<object, number>,
  alive: Iterable<AliveObject>,
): void {
  for (const r of readRows(db, 'r.valid_to = ?', [OPEN_END])) {
    const open = state.open[r.projection] as OpenRows<unknown>;
    open.add(r.scope, r.key, r.attrs);
    rowIds.set(r.attrs, r.id);
  }
  loadMarks(db, state);
  const endpoints: AliveObject[] = [];
  for (const o of alive) {
    if (o.kind === 'EndpointSlice' && o.object !== null) {
      const slice = o.object;
      // the members share the attribute objects of the open rows just loaded
      const open = slice.serviceName
        ? state.open.endpoint_members.rows(
            joinKey(
              serviceKey({ cluster: o.cluster, namespace: o.namespace, name: slice.serviceName }),
              'EndpointSlice',
            ),
          )
        : undefined;
      setSlice(state, joinKey(o.cluster, o.uid), o.cluster, o.namespace, slice, o.position, open);
    } else if (o.kind === 'Endpoints') {
      endpoints.push(o);
    }
  }
  // two alive Endpoints objects of one service (the DELETED of one never seen): the one written last
  // is the current one, as in the fold, whatever order `alive` comes in
  endpoints.sort((a, b) => a.position - b.position);
  for (const o of endpoints)
    state.endpoints.set(serviceKey({ cluster: o.cluster, namespace: o.namespace, name: o.name }), o.uid);
}
