import { diffRows } from './diffRows.js';
import { type FoldState, markFirstSeen, removeSlice, setEndpoints, setSlice } from './foldState.js';
import { joinKey, serviceKey } from './keys.js';
import { membersFromEndpoints, unionOfSlices } from './rows/memberRows.js';
import { podIpRows, podStateRow } from './rows/podRows.js';
import { serviceStateRow } from './rows/serviceRows.js';
import { memberScope, podScope } from './tables/index.js';
import type { FoldEvent, FoldEventOf, RowOp, ServiceRef } from './types.js';

/**
 * The projections' fold: applies one event to the state and returns the row changes it causes.
 * No I/O; the same function drives the incremental writer, `rebuild`, and the in-memory reference
 * fold the property tests compare against. ADDED and MODIFIED are both "the object is now this".
 */
export function applyEvent(state: FoldState, ev: FoldEvent): RowOp[] {
  switch (ev.kind) {
    case 'Pod':
      return applyPod(state, ev);
    case 'Service':
      return applyService(state, ev);
    case 'EndpointSlice':
      return applySlice(state, ev);
    case 'Endpoints':
      return applyEndpoints(state, ev);
  }
}

function applyPod(state: FoldState, ev: FoldEventOf<'Pod'>): RowOp[] {
  const scope = podScope(ev.cluster, ev.uid);
  const deleted = ev.type === 'DELETED';
  const pod = ev.object;
  const ops: RowOp[] = [];
  diffRows(
    ops,
    'pod_ips',
    state.open.pod_ips,
    scope,
    deleted ? new Map() : podIpRows(ev.cluster, pod),
    ev.observedAt,
    ev.position,
  );
  diffRows(
    ops,
    'pod_states',
    state.open.pod_states,
    scope,
    deleted ? new Map() : podStateRow(ev.cluster, pod),
    ev.observedAt,
    ev.position,
    deleted,
  );
  return ops;
}

function applyService(state: FoldState, ev: FoldEventOf<'Service'>): RowOp[] {
  const ref: ServiceRef = { cluster: ev.cluster, namespace: ev.namespace, name: ev.name };
  const svc = ev.object;
  const scope = serviceKey(ref);
  const current = state.open.service_states.row(scope, '');
  // A late DELETED of an older incarnation must not end the history of a re-created service.
  if (ev.type === 'DELETED' && current && current.uid !== ev.uid) return [];
  const next = ev.type === 'DELETED' ? new Map() : serviceStateRow(ref, svc);
  const ops: RowOp[] = [];
  diffRows(
    ops,
    'service_states',
    state.open.service_states,
    scope,
    next,
    ev.observedAt,
    ev.position,
    ev.type === 'DELETED',
  );
  return ops;
}

function applySlice(state: FoldState, ev: FoldEventOf<'EndpointSlice'>): RowOp[] {
  const key = joinKey(ev.cluster, ev.uid);
  const before = removeSlice(state, key);
  // the services whose union of slices this event changes, by service key
  const affected = new Map<string, ServiceRef>();
  if (before?.service) affected.set(serviceKey(before.service), before.service);
  const ops: RowOp[] = [];
  if (ev.type !== 'DELETED') {
    const service = setSlice(state, key, ev.cluster, ev.namespace, ev.object, ev.position, before?.members);
    if (service) {
      const sk = serviceKey(service);
      affected.set(sk, service);
      ops.push(...markFirstSeen(state, service, sk, 'EndpointSlice', ev.observedAt));
    }
  }
  for (const [sk, service] of affected) {
    const entries = [...(state.slicesByService.get(sk) ?? [])].map((k) => state.slices.get(k)!);
    diffRows(
      ops,
      'endpoint_members',
      state.open.endpoint_members,
      memberScope(service, 'EndpointSlice'),
      unionOfSlices(entries),
      ev.observedAt,
      ev.position,
    );
  }
  return ops;
}

function applyEndpoints(state: FoldState, ev: FoldEventOf<'Endpoints'>): RowOp[] {
  const service: ServiceRef = { cluster: ev.cluster, namespace: ev.namespace, name: ev.name };
  const sk = serviceKey(service);
  if (!setEndpoints(state, sk, ev.uid, ev.type === 'DELETED')) return [];
  // an Endpoints object is complete in itself; the open rows are passed only so unchanged members keep their objects
  const scope = memberScope(service, 'Endpoints');
  const next = membersFromEndpoints(
    service,
    ev.type === 'DELETED' ? undefined : ev.object,
    state.open.endpoint_members.rows(scope),
  );
  const ops = ev.type === 'DELETED' ? [] : markFirstSeen(state, service, sk, 'Endpoints', ev.observedAt);
  diffRows(ops, 'endpoint_members', state.open.endpoint_members, scope, next, ev.observedAt, ev.position);
  return ops;
}
