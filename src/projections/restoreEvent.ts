import { type FoldState, markFirstSeen, removeSlice, setEndpoints, setSlice } from './foldState.js';
import { joinKey, serviceKey } from './keys.js';
import { memberScope } from './tables/index.js';
import type { FoldEvent, RowOp, ServiceRef } from './types.js';

/**
 * Applies an event from before a prune's cutoff (an object's last state, kept as the baseline) to
 * the fold state, leaving the open rows alone: those are the baseline rows, as the live writer had
 * them at the cutoff. Folding these events instead would not restore that state: a service's slices
 * replayed one by one give unions it never had (rows closed and reopened as other objects), and two
 * incarnations of a Service or an Endpoints object would each replace the other's rows. Pods and
 * Services have no fold state besides their open rows. Returns only first-seen marks.
 */
export function restoreEvent(state: FoldState, ev: FoldEvent): RowOp[] {
  const deleted = ev.type === 'DELETED';
  if (ev.kind === 'EndpointSlice') {
    const key = joinKey(ev.cluster, ev.uid);
    removeSlice(state, key);
    if (deleted) return [];
    const slice = ev.object;
    // members equal to a baseline row share its object, as after a reopen (loadFoldState)
    const open = slice.serviceName
      ? state.open.endpoint_members.rows(
          memberScope(
            { cluster: ev.cluster, namespace: ev.namespace, name: slice.serviceName },
            'EndpointSlice',
          ),
        )
      : undefined;
    const service = setSlice(state, key, ev.cluster, ev.namespace, slice, ev.position, open);
    return service ? markFirstSeen(state, service, serviceKey(service), 'EndpointSlice', ev.observedAt) : [];
  }
  if (ev.kind === 'Endpoints') {
    const service: ServiceRef = { cluster: ev.cluster, namespace: ev.namespace, name: ev.name };
    const sk = serviceKey(service);
    if (!setEndpoints(state, sk, ev.uid, deleted) || deleted) return [];
    return markFirstSeen(state, service, sk, 'Endpoints', ev.observedAt);
  }
  return [];
}
