import type { SimKind } from '../simStore.js';

/** One served resource, as discovery describes it. */
export interface SimResource {
  kind: SimKind;
  plural: string;
  singular: string;
  group: '' | 'discovery.k8s.io';
  version: 'v1';
  /** `v1` or `discovery.k8s.io/v1`: what watch-event objects carry. */
  apiVersion: string;
  listKind: string;
  shortNames: string[];
}

/** The four kinds the simulator serves, in discovery order. */
export const SIM_RESOURCES: readonly SimResource[] = [
  {
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'PodList',
    shortNames: ['po'],
  },
  {
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'ServiceList',
    shortNames: ['svc'],
  },
  {
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'EndpointsList',
    shortNames: ['ep'],
  },
  {
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    group: 'discovery.k8s.io',
    version: 'v1',
    apiVersion: 'discovery.k8s.io/v1',
    listKind: 'EndpointSliceList',
    shortNames: [],
  },
];

/** Finds a resource by URL group and plural (`''`/`pods`, `discovery.k8s.io`/`endpointslices`). */
export function findResource(group: string, plural: string): SimResource | undefined {
  return SIM_RESOURCES.find((r) => r.group === group && r.plural === plural);
}
