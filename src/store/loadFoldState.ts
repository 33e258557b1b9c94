import {
  createFoldState,
  type FoldState,
  joinKey,
  memberScope,
  type OpenRows,
  type SlimObjectOf,
  serviceKey,
  setSlice,
} from '../projections/index.js';
import type { RowWriter } from './RowWriter.js';
import type { StoredMark, StoredRow } from './StoreBackend.js';

/** An alive slice (decoded: the union of a service's slices needs them) or Endpoints (identity only). */
export type AliveMemberSource =
  | {
      kind: 'EndpointSlice';
      cluster: string;
      uid: string;
      namespace: string;
      position: number;
      object: SlimObjectOf['EndpointSlice'];
    }
  | { kind: 'Endpoints'; cluster: string; uid: string; namespace: string; name: string; position: number };

/**
 * The fold state as the store holds it now, without replaying anything: the open projection rows
 * (each registered with the writer by its id), the first-seen marks, and the alive slices and
 * Endpoints objects. Equal to the state a replay of the whole log would leave.
 */
export function loadFoldState(
  openRows: Iterable<StoredRow>,
  marks: Iterable<StoredMark>,
  alive: Iterable<AliveMemberSource>,
  writer: RowWriter,
): FoldState {
  const state = createFoldState();
  for (const r of openRows) {
    (state.open[r.projection] as OpenRows<unknown>).add(r.scope, r.key, r.attrs);
    writer.adopt(r.attrs, r.id);
  }
  loadMarks(state, marks);
  const endpoints: Extract<AliveMemberSource, { kind: 'Endpoints' }>[] = [];
  for (const o of alive) {
    if (o.kind === 'EndpointSlice') {
      // the members share the attribute objects of the open rows just loaded
      const open = o.object.serviceName
        ? state.open.endpoint_members.rows(
            memberScope(
              { cluster: o.cluster, namespace: o.namespace, name: o.object.serviceName },
              'EndpointSlice',
            ),
          )
        : undefined;
      setSlice(state, joinKey(o.cluster, o.uid), o.cluster, o.namespace, o.object, o.position, open);
    } else {
      endpoints.push(o);
    }
  }
  // two alive Endpoints objects of one service (the DELETED of one never seen): the one written last
  // is the current one, as in the fold, whatever order `alive` comes in
  endpoints.sort((a, b) => a.position - b.position);
  for (const o of endpoints)
    state.endpoints.set(serviceKey({ cluster: o.cluster, namespace: o.namespace, name: o.name }), o.uid);
  return state;
}

/** Registers in the fold state the first-seen marks (service + source) the store holds. */
export function loadMarks(state: FoldState, marks: Iterable<StoredMark>): void {
  for (const m of marks) {
    const sk = serviceKey({ cluster: m.cluster, namespace: m.namespace, name: m.name });
    if (m.firstSliceAt !== null) state.marked.add(joinKey(sk, 'EndpointSlice'));
    if (m.firstEndpointsAt !== null) state.marked.add(joinKey(sk, 'Endpoints'));
  }
}
