import { findResource, type SimResource } from './resources.js';

export type Route =
  | { type: 'collection'; resource: SimResource; namespace?: string; legacyWatch: boolean }
  | { type: 'object'; resource: SimResource; namespace: string; name: string; legacyWatch: boolean }
  | { type: 'namespaces' }
  | { type: 'namespace'; name: string }
  | { type: 'events'; namespace?: string }
  | { type: 'other' };

/**
 * Maps a request path onto the simulator's REST layout: `/api/v1/...` (core) and
 * `/apis/discovery.k8s.io/v1/...`, cluster-wide or under `namespaces/{ns}`, single objects by name,
 * and the deprecated `/watch/` prefix. Everything else is `other` (discovery or 404).
 */
export function parseRoute(pathname: string): Route {
  const seg = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (seg[0] === 'api' && seg[1] === 'v1') {
    group = '';
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg[1] === 'discovery.k8s.io' && seg[2] === 'v1') {
    group = 'discovery.k8s.io';
    rest = seg.slice(3);
  } else return { type: 'other' };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return { type: 'other' };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && group === '') {
    if (rest.length === 1) return legacyWatch ? { type: 'other' } : { type: 'namespaces' };
    if (rest.length === 2) return legacyWatch ? { type: 'other' } : { type: 'namespace', name: rest[1]! };
    namespace = rest[1]!;
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces') {
    if (rest.length < 3) return { type: 'other' };
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  if (group === '' && rest[0] === 'events' && rest.length === 1) return { type: 'events', namespace };
  const resource = findResource(group, rest[0]!);
  if (!resource || rest.length > 2) return { type: 'other' };
  if (rest.length === 2) {
    if (namespace === undefined) return { type: 'other' };
    return { type: 'object', resource, namespace, name: rest[1]!, legacyWatch };
  }
  return { type: 'collection', resource, namespace, legacyWatch };
}
