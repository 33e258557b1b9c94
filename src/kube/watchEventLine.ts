import type { KubeResource } from './kubeResources.js';

export type KubeWatchType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * One watch event as the API server frames it for JSON: the `{type, object}` envelope on one line
 * (Go's json.Encoder ends each with `\n`; clients read them as NDJSON).
 */
export function watchEventLine(type: KubeWatchType, object: Record<string, unknown>): string {
  return `${JSON.stringify({ type, object })}\n`;
}

/**
 * The object of a BOOKMARK: an empty object of the watched kind with only
 * `metadata.resourceVersion`, and the zero-value fields Go serialises for that type. Clients must
 * read nothing but the resourceVersion from it.
 */
export function bookmarkObject(
  resource: Pick<KubeResource, 'kind' | 'apiVersion'>,
  resourceVersion: string,
  initialEventsEnd = false,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion, creationTimestamp: null };
  // the annotation that closes a WatchList's initial state (sendInitialEvents)
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  const head = { kind: resource.kind, apiVersion: resource.apiVersion, metadata };
  switch (resource.kind) {
    case 'Pod':
      return { ...head, spec: { containers: null }, status: {} };
    case 'Service':
      return { ...head, spec: {}, status: { loadBalancer: {} } };
    case 'EndpointSlice':
      return { ...head, addressType: '', endpoints: null };
    default:
      return head;
  }
}
