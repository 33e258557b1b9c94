/** A resource the read-only kube API serves, as discovery describes it. */
export interface KubeResource {
  /** The kind of the objects (the history records the first four; Namespace is derived). */
  kind: 'Pod' | 'Service' | 'Endpoints' | 'EndpointSlice' | 'Namespace';
  plural: string;
  singular: string;
  /** API group: `''` for core v1. */
  group: '' | 'discovery.k8s.io';
  version: 'v1';
  /** `v1` or `discovery.k8s.io/v1`, as objects and watch events carry it. */
  apiVersion: string;
  listKind: string;
  namespaced: boolean;
  shortNames: readonly string[];
  /** kubectl's `all` category for pods and services, as the real server declares it. */
  categories: readonly string[];
  /** Reads only: the history cannot be written. */
  verbs: readonly string[];
}

const READ = ['get', 'list', 'watch'] as const;

/**
 * What the read-only kube API serves, in discovery order: the four recorded kinds and the namespaces
 * that held recorded objects. Nothing else (no events, no deployments): `kubectl api-resources`
 * lists exactly these.
 */
export const KUBE_RESOURCES: readonly KubeResource[] = [
  {
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'EndpointsList',
    namespaced: true,
    shortNames: ['ep'],
    categories: [],
    verbs: READ,
  },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'NamespaceList',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    verbs: ['get', 'list'],
  },
  {
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'PodList',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: READ,
  },
  {
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    listKind: 'ServiceList',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: READ,
  },
  {
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    group: 'discovery.k8s.io',
    version: 'v1',
    apiVersion: 'discovery.k8s.io/v1',
    listKind: 'EndpointSliceList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: READ,
  },
];

/** The resource of a URL's group and plural (`''`/`pods`, `discovery.k8s.io`/`endpointslices`). */
export function findKubeResource(group: string, plural: string): KubeResource | undefined {
  return KUBE_RESOURCES.find((r) => r.group === group && r.plural === plural);
}
