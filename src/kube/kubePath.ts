import { findKubeResource, type KubeResource } from './kubeResources.js';

/** What a request path under the API root names. */
export type KubePath =
  | { type: 'discovery'; path: string }
  | { type: 'collection'; resource: KubeResource; namespace?: string; legacyWatch: boolean }
  | { type: 'object'; resource: KubeResource; namespace?: string; name: string; legacyWatch: boolean }
  | { type: 'events'; namespace?: string }
  | { type: 'subresource'; resource: KubeResource; namespace?: string; name: string; subresource: string }
  | { type: 'unknown' };

const DISCOVERY = new Set([
  '/version',
  '/api',
  '/api/v1',
  '/apis',
  '/apis/discovery.k8s.io',
  '/apis/discovery.k8s.io/v1',
]);

/**
 * Maps a path (already split from its query, segments percent-decoded) onto the Kubernetes REST
 * layout: discovery documents, `/api/v1/...` and `/apis/discovery.k8s.io/v1/...`, cluster-wide or
 * under `namespaces/{ns}`, one object by name, an object's subresource (`pods/x/log`, `.../status`),
 * and the deprecated `/watch/` prefix. Events are recognised apart: kubectl describe asks for them.
 */
export function parseKubePath(segments: readonly string[]): KubePath {
  const path = `/${segments.join('/')}`;
  if (DISCOVERY.has(path)) return { type: 'discovery', path };
  let group: '' | 'discovery.k8s.io';
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments[1] === 'discovery.k8s.io' && segments[2] === 'v1') {
    group = 'discovery.k8s.io';
    rest = segments.slice(3);
  } else return { type: 'unknown' };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // `namespaces/{ns}/<resource>...` is namespaced; `namespaces` and `namespaces/{ns}` are the Namespace resource
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.some((s) => s === '')) return { type: 'unknown' };
  if (group === '' && rest[0] === 'events' && rest.length === 1 && !legacyWatch)
    return { type: 'events', namespace };
  const resource = findKubeResource(group, rest[0]!);
  if (!resource) return { type: 'unknown' };
  if (resource.namespaced !== (namespace !== undefined) && rest.length > 1) return { type: 'unknown' };
  if (!resource.namespaced && namespace !== undefined) return { type: 'unknown' };
  if (rest.length === 1) return { type: 'collection', resource, namespace, legacyWatch };
  if (rest.length === 2) return { type: 'object', resource, namespace, name: rest[1]!, legacyWatch };
  if (rest.length === 3 && !legacyWatch)
    return { type: 'subresource', resource, namespace, name: rest[1]!, subresource: rest[2]! };
  return { type: 'unknown' };
}
