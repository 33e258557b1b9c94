import type { ObjectMetaJson, StringMap } from '../types.js';
import { definedOnly, nonEmpty } from './definedOnly.js';

/**
 * metav1.ObjectMeta as the API server serialises it: the Go struct's field order (name,
 * generateName, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp,
 * deletionGracePeriodSeconds, labels, annotations, ownerReferences, managedFields), unset fields
 * absent, and empty labels, annotations, ownerReferences and managedFields left out (`omitempty`).
 * Fields ObjectMetaJson does not name are dropped; labels and annotations are copied, so the
 * object owns its maps.
 */
export function objectMeta(meta: ObjectMetaJson): ObjectMetaJson {
  return definedOnly({
    name: meta.name,
    generateName: meta.generateName,
    namespace: meta.namespace,
    uid: meta.uid,
    resourceVersion: meta.resourceVersion,
    generation: meta.generation,
    creationTimestamp: meta.creationTimestamp,
    deletionTimestamp: meta.deletionTimestamp,
    deletionGracePeriodSeconds: meta.deletionGracePeriodSeconds,
    labels: copyOf(nonEmpty(meta.labels)),
    annotations: copyOf(nonEmpty(meta.annotations)),
    ownerReferences: nonEmpty(meta.ownerReferences),
    managedFields: nonEmpty(meta.managedFields),
  });
}

function copyOf(map: StringMap | undefined): StringMap | undefined {
  return map && { ...map };
}
