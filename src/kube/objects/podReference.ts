import type { ObjectReferenceJson } from '../types.js';

/**
 * The `targetRef` the Endpoints and EndpointSlice controllers put on a pod's address: kind, namespace,
 * name and uid only (the current controllers set no resourceVersion).
 */
export function podReference(pod: { namespace: string; name: string; uid: string }): ObjectReferenceJson {
  return { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid };
}
