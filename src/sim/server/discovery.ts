import { SIM_RESOURCES, type SimResource } from './resources.js';

const VERBS = ['get', 'list', 'watch'];

/** The Kubernetes version the simulator claims (≥1.33, where v1 Endpoints is deprecated). */
export const SIM_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-23T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function apiResource(r: SimResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: true,
    kind: r.kind,
    verbs: VERBS,
  };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  return out;
}

const DISCOVERY_GROUP = {
  name: 'discovery.k8s.io',
  versions: [{ groupVersion: 'discovery.k8s.io/v1', version: 'v1' }],
  preferredVersion: { groupVersion: 'discovery.k8s.io/v1', version: 'v1' },
};

/**
 * Legacy (unaggregated) discovery documents by path, enough for kubectl's RESTMapper: the client
 * asks for aggregated discovery in its Accept header and falls back to these when the answer is plain
 * `application/json`. Returns undefined for other paths.
 */
export function discoveryDocument(path: string, serverAddress: string): Record<string, unknown> | undefined {
  switch (path) {
    case '/version':
      return SIM_VERSION;
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
        resources: [
          {
            name: 'events',
            singularName: 'event',
            namespaced: true,
            kind: 'Event',
            verbs: ['list'],
            shortNames: ['ev'],
          },
          {
            name: 'namespaces',
            singularName: 'namespace',
            namespaced: false,
            kind: 'Namespace',
            verbs: ['get', 'list'],
            shortNames: ['ns'],
          },
          ...SIM_RESOURCES.filter((r) => r.group === '').map(apiResource),
        ],
      };
    case '/apis/discovery.k8s.io/v1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'discovery.k8s.io/v1',
        resources: SIM_RESOURCES.filter((r) => r.group === 'discovery.k8s.io').map(apiResource),
      };
    default:
      return undefined;
  }
}
