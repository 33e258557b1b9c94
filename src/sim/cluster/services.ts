import type { ServiceJson, StringMap } from '../../kube/index.js';
import {
  type EndpointsAddressInput,
  type MakeServiceOptions,
  makeEndpoints,
  makeService,
} from '../objects/index.js';
import type { ClusterState } from './clusterState.js';

/** Writes a new Service stamped with the cluster's clock; returns the stored object. */
export function createService(state: ClusterState, spec: Omit<MakeServiceOptions, 'now'>): ServiceJson {
  return state.store.put('Service', makeService({ ...spec, now: state.now() })) as unknown as ServiceJson;
}

export function deleteService(state: ClusterState, namespace: string, name: string): void {
  state.store.remove('Service', namespace, name);
}

/** The ports of a hand-written Endpoints subset. */
export type EndpointsPortInput = { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' };

/** Writes (replaces) a hand-written Endpoints, as for a selector-less Service. */
export function putEndpoints(
  state: ClusterState,
  namespace: string,
  name: string,
  addresses: EndpointsAddressInput[],
  ports: EndpointsPortInput[],
  extra: { notReadyAddresses?: EndpointsAddressInput[]; labels?: StringMap } = {},
): void {
  state.store.put(
    'Endpoints',
    makeEndpoints({ namespace, name, addresses, ports, ...extra, now: state.now() }),
  );
}

export function deleteEndpoints(state: ClusterState, namespace: string, name: string): void {
  state.store.remove('Endpoints', namespace, name);
}
