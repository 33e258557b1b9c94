import type { Kind } from '../model/types.js';

/** Where a kind is served: the collection path, cluster-wide or in one namespace. */
export interface KindResource {
  kind: Kind;
  /** `/api/v1` or `/apis/discovery.k8s.io/v1`. */
  prefix: string;
  /** Plural resource name as it appears in the URL and in RBAC rules. */
  plural: string;
}

export const RESOURCES: Record<Kind, KindResource> = {
  Pod: { kind: 'Pod', prefix: '/api/v1', plural: 'pods' },
  Service: { kind: 'Service', prefix: '/api/v1', plural: 'services' },
  Endpoints: { kind: 'Endpoints', prefix: '/api/v1', plural: 'endpoints' },
  EndpointSlice: { kind: 'EndpointSlice', prefix: '/apis/discovery.k8s.io/v1', plural: 'endpointslices' },
};

/** The collection path of `kind`, across all namespaces when `namespace` is null. */
export function collectionPath(kind: Kind, namespace: string | null): string {
  const r = RESOURCES[kind];
  return namespace === null
    ? `${r.prefix}/${r.plural}`
    : `${r.prefix}/namespaces/${encodeURIComponent(namespace)}/${r.plural}`;
}
