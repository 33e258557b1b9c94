import { serviceKey } from '../keys.js';
import type { ServiceRef, ServiceStateAttrs } from '../types.js';
import { column, type ProjectionTable } from './ProjectionTable.js';

const c = column<ServiceStateAttrs>;

/** `service_states`: a Service object's type, selector, ports and cluster IP over time. */
export const SERVICE_STATES: ProjectionTable<'service_states'> = {
  name: 'service_states',
  owner: 'service',
  columns: [
    c('uid', 'uid', 'text'),
    c('type', 'type', 'text'),
    c('cluster_ip', 'clusterIp', 'text', true),
    c('selector', 'selector', 'text', true),
    c('ports', 'ports', 'text'),
    c('publish_not_ready', 'publishNotReady', 'boolean'),
  ],
  closeColumns: [],
  scopeOf: (a) => serviceKey(a.service),
  keyOf: () => '',
  attrsOf: (owner, v) => ({
    service: owner as ServiceRef,
    uid: v[0] as string,
    type: v[1] as string,
    clusterIp: v[2] as string | null,
    selector: v[3] as string | null,
    ports: v[4] as string,
    publishNotReady: v[5] as boolean,
  }),
};
