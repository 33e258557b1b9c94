import { joinKey } from '../keys.js';
import type { PodIpAttrs } from '../types.js';
import { column, type ProjectionTable } from './ProjectionTable.js';

/** The scope of one pod's rows (by cluster and uid): its IPs, its states. */
export const podScope = (cluster: string, uid: string): string => joinKey(cluster, uid);

const c = column<PodIpAttrs>;

/** `pod_ips`: one row per IP a pod held (status.podIPs), while it held it. */
export const POD_IPS: ProjectionTable<'pod_ips'> = {
  name: 'pod_ips',
  owner: 'cluster',
  columns: [
    c('ip', 'ip', 'text'),
    c('pod_uid', 'podUid', 'text'),
    c('namespace', 'namespace', 'text'),
    c('name', 'name', 'text'),
    c('node_name', 'nodeName', 'text', true),
  ],
  closeColumns: [],
  scopeOf: (a) => podScope(a.cluster, a.podUid),
  keyOf: (a) => a.ip,
  attrsOf: (owner, v) => ({
    cluster: owner as string,
    ip: v[0] as string,
    podUid: v[1] as string,
    namespace: v[2] as string,
    name: v[3] as string,
    nodeName: v[4] as string | null,
  }),
};
