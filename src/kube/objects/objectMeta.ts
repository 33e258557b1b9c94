import type { ObjectMetaJson } from '../types.js';

/**
 * metav1.ObjectMeta as the API server serialises it: the Go struct's field order (name,
 * generateName, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp,
 * deletionGracePeriodSeconds, labels, annotations, ownerReferences, managedFields), unset fields
 * absent, and empty labels, annotations, ownerReferences and managedFields left out (`omitempty`).
 * Fields ObjectMetaJson does not name are dropped; labels and annotations are copied, so the
 * object owns its maps.
 */
export function objectMeta(meta: ObjectMetaJson): ObjectMetaJson {
  const out: ObjectMetaJson = {};
  if (meta.name !== undefined) out.name = meta.name;
  if (meta.generateName !== undefined) out.generateName = meta.generateName;
  if (meta.namespace !== undefined) out.namespace = meta.namespace;
  if (meta.uid !== undefined) out.uid = meta.uid;
  if (meta.resourceVersion !== undefined) out.resourceVersion = meta.resourceVersion;
  if (meta.generation !== undefined) out.generation = meta.generation;
  if (meta.creationTimestamp !== undefined) out.creationTimestamp = meta.creationTimestamp;
  if (meta.deletionTimestamp !== undefined) out.deletionTimestamp = meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds !== undefined)
    out.deletionGracePeriodSeconds = meta.deletionGracePeriodSeconds;
  if (meta.labels && hasKeys(meta.labels)) out.labels = { ...meta.labels };
  if (meta.annotations && hasKeys(meta.annotations)) out.annotations = { ...meta.annotations };
  if (meta.ownerReferences?.length) out.ownerReferences = meta.ownerReferences;
  if (meta.managedFields?.length) out.managedFields = meta.managedFields;
  return out;
}

function hasKeys(map: object): boolean {
  for (const _ in map) return true;
  return false;
}
