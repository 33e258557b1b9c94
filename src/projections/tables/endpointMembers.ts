import { joinKey, serviceKey } from '../keys.js';
import type { MemberAttrs, MemberSource, ServiceRef } from '../types.js';
import { column, type ProjectionTable } from './ProjectionTable.js';

/**
 * The identity of an endpoint within a service and source: its address and the pod behind it. The
 * one definition: the fold keys members by it, the queries pair changes and diff sets by it.
 */
export const endpointIdentity = (ip: string, targetUid: string | null | undefined): string =>
  joinKey(ip, targetUid ?? null);

/** The scope of a service's members from one source (the fold replaces them together). */
export const memberScope = (service: ServiceRef, source: MemberSource): string =>
  joinKey(serviceKey(service), source);

const c = column<MemberAttrs>;

/** `endpoint_members`: one row per (service, source, ip, target pod) and set of attributes. */
export const ENDPOINT_MEMBERS: ProjectionTable<'endpoint_members'> = {
  name: 'endpoint_members',
  owner: 'service',
  columns: [
    c('source', 'source', 'text'),
    c('ip', 'ip', 'text'),
    c('target_uid', 'targetUid', 'text', true),
    c('target_kind', 'targetKind', 'text', true),
    c('target_namespace', 'targetNamespace', 'text', true),
    c('target_name', 'targetName', 'text', true),
    c('ready', 'ready', 'boolean'),
    c('serving', 'serving', 'boolean'),
    c('terminating', 'terminating', 'boolean'),
    c('node_name', 'nodeName', 'text', true),
    c('zone', 'zone', 'text', true),
    c('hostname', 'hostname', 'text', true),
    c('port_set_id', 'ports', 'port_set'),
  ],
  closeColumns: ['to_position'],
  scopeOf: (a) => memberScope(a.service, a.source),
  keyOf: (a) => endpointIdentity(a.ip, a.targetUid),
  attrsOf: (owner, v) => ({
    service: owner as ServiceRef,
    source: v[0] as MemberSource,
    ip: v[1] as string,
    targetUid: v[2] as string | null,
    targetKind: v[3] as string | null,
    targetNamespace: v[4] as string | null,
    targetName: v[5] as string | null,
    ready: v[6] as boolean,
    serving: v[7] as boolean,
    terminating: v[8] as boolean,
    nodeName: v[9] as string | null,
    zone: v[10] as string | null,
    hostname: v[11] as string | null,
    ports: v[12] as string,
  }),
};
