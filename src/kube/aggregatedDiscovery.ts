import { KUBE_RESOURCES, type KubeResource } from './kubeResources.js';
import { mediaRanges } from './mediaRanges.js';

/** The aggregated discovery versions a client may ask for (kubectl ≥ 1.26 asks v2, then v2beta1). */
export type AggregatedVersion = 'v2' | 'v2beta1';

/** The Content-Type that tells client-go the body is aggregated discovery (it falls back to unaggregated otherwise). */
export const aggregatedContentType = (version: AggregatedVersion): string =>
  `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;

/**
 * Which aggregated discovery version the `Accept` header asks for, in the client's order of
 * preference; null when it prefers (or only accepts) plain JSON, which gets the unaggregated documents.
 */
export function negotiateAggregated(accept: string | undefined): AggregatedVersion | null {
  for (const range of mediaRanges(accept)) {
    const p = range.params;
    if (p.get('g') === 'apidiscovery.k8s.io' && p.get('as') === 'APIGroupDiscoveryList') {
      const v = p.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
      continue;
    }
    if (range.type === 'application/json' || range.type === '*/*' || range.type === 'application/*')
      return null;
  }
  return null;
}

function resourceDiscovery(r: KubeResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (r.categories.length > 0) out.categories = r.categories;
  return out;
}

function groupDiscovery(group: '' | 'discovery.k8s.io'): Record<string, unknown> {
  return {
    metadata: group === '' ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
    versions: [
      {
        version: 'v1',
        resources: KUBE_RESOURCES.filter((r) => r.group === group).map(resourceDiscovery),
        freshness: 'Current',
      },
    ],
  };
}

/**
 * The aggregated discovery document (apidiscovery.k8s.io APIGroupDiscoveryList) of `/api` (the core
 * group) or `/apis` (every named group): one request tells a client every resource served.
 */
export function aggregatedDiscovery(
  path: '/api' | '/apis',
  version: AggregatedVersion,
): Record<string, unknown> {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: [groupDiscovery(path === '/api' ? '' : 'discovery.k8s.io')],
  };
}
