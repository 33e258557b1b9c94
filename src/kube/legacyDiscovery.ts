import { KUBE_RESOURCES, type KubeResource } from './kubeResources.js';
import { KUBE_VERSION } from './kubeVersion.js';

const DISCOVERY_GROUP = {
  name: 'discovery.k8s.io',
  versions: [{ groupVersion: 'discovery.k8s.io/v1', version: 'v1' }],
  preferredVersion: { groupVersion: 'discovery.k8s.io/v1', version: 'v1' },
};

/** One resource of an APIResourceList (metav1.APIResource; empty lists are left out, as Go omits them). */
function apiResource(r: KubeResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (r.categories.length > 0) out.categories = r.categories;
  return out;
}

/**
 * The unaggregated discovery documents by path (`/version`, `/api`, `/api/v1`, `/apis`,
 * `/apis/discovery.k8s.io`, `/apis/discovery.k8s.io/v1`): what clients read when they do not ask for
 * aggregated discovery (kubectl before 1.26, client libraries) or when the server answers plain JSON.
 * `serverAddress` is the host the client reached. Undefined for any other path.
 */
export function legacyDiscovery(path: string, serverAddress: string): Record<string, unknown> | undefined {
  switch (path) {
    case '/version':
      return { ...KUBE_VERSION };
    case '/api':
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
      };
    case '/apis':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: [DISCOVERY_GROUP] };
    case '/apis/discovery.k8s.io':
      return { kind: 'APIGroup', apiVersion: 'v1', ...DISCOVERY_GROUP };
    case '/api/v1':
      return {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: KUBE_RESOURCES.filter((r) => r.group === '').map(apiResource),
      };
    case '/apis/discovery.k8s.io/v1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'discovery.k8s.io/v1',
        resources: KUBE_RESOURCES.filter((r) => r.group === 'discovery.k8s.io').map(apiResource),
      };
    default:
      return undefined;
  }
}
