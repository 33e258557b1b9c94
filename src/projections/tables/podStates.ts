import type { PodStateAttrs } from '../types.js';
import { column, type ProjectionTable } from './ProjectionTable.js';
import { podScope } from './podIps.js';

const c = column<PodStateAttrs>;

/** `pod_states`: a pod's phase, readiness, node, IPs, owner and restarts over time. */
export const POD_STATES: ProjectionTable<'pod_states'> = {
  name: 'pod_states',
  owner: 'cluster',
  columns: [
    c('uid', 'uid', 'text'),
    c('namespace', 'namespace', 'text'),
    c('name', 'name', 'text'),
    c('phase', 'phase', 'text', true),
    c('ready', 'ready', 'boolean'),
    c('node_name', 'nodeName', 'text', true),
    c('ips', 'ips', 'text'),
    c('owner_kind', 'ownerKind', 'text', true),
    c('owner_name', 'ownerName', 'text', true),
    c('created_at', 'createdAt', 'integer', true),
    c('deleting_at', 'deletingAt', 'integer', true),
    c('restarts', 'restarts', 'integer'),
  ],
  closeColumns: ['ended_by_delete'],
  scopeOf: (a) => podScope(a.cluster, a.uid),
  keyOf: () => '',
  attrsOf: (owner, v) => ({
    cluster: owner as string,
    uid: v[0] as string,
    namespace: v[1] as string,
    name: v[2] as string,
    phase: v[3] as string | null,
    ready: v[4] as boolean,
    nodeName: v[5] as string | null,
    ips: v[6] as string,
    ownerKind: v[7] as string | null,
    ownerName: v[8] as string | null,
    createdAt: v[9] as number | null,
    deletingAt: v[10] as number | null,
    restarts: v[11] as number,
  }),
};
