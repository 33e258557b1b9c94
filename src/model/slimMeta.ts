import {
  arrayAt,
  asObject,
  type JsonObject,
  nonEmptyStringAt,
  objectAt,
  stringAt,
  stringMapAt,
} from './jsonFields.js';
import { Rejected } from './rejected.js';
import type { SlimMeta } from './types.js';

/**
 * The only annotations we keep. Every other annotation is dropped: annotations routinely carry
 * whole manifests (`kubectl.kubernetes.io/last-applied-configuration`) and with them credentials.
 * Sorted, so that copying in this order keeps the map's keys sorted.
 */
export const ANNOTATION_WHITELIST = [
  'endpoints.kubernetes.io/last-change-trigger-time',
  'endpoints.kubernetes.io/over-capacity',
] as const;

function requiredString(meta: JsonObject, key: string, reason: Rejected['reason']): string {
  const value = stringAt(meta, key, 'metadata');
  if (value === null || value === '') throw new Rejected(reason, `metadata.${key} is absent or empty`);
  return value;
}

function owner(meta: JsonObject): { kind: string | null; name: string | null } {
  const refs = arrayAt(meta, 'ownerReferences', 'metadata').map((ref, i) =>
    asObject(ref, `metadata.ownerReferences[${i}]`),
  );
  const chosen = refs.find((ref) => ref.controller === true) ?? refs[0];
  if (chosen === undefined) return { kind: null, name: null };
  const at = `metadata.ownerReferences[${refs.indexOf(chosen)}]`;
  return { kind: nonEmptyStringAt(chosen, 'kind', at), name: nonEmptyStringAt(chosen, 'name', at) };
}

/**
 * The whitelisted metadata of a raw object. Rejects with `missing-uid`, `missing-name`,
 * `missing-resource-version` when those are absent or empty, and with `invalid-field` when
 * metadata has no namespace (every kind we record is namespaced) or a field has the wrong type.
 * The owner is the first ownerReference with `controller: true`, else the first one.
 */
export function slimMeta(raw: JsonObject): SlimMeta {
  const meta = objectAt(raw, 'metadata', '');
  if (meta === null) throw new Rejected('missing-uid', 'metadata is absent');
  const uid = requiredString(meta, 'uid', 'missing-uid');
  const name = requiredString(meta, 'name', 'missing-name');
  const resourceVersion = requiredString(meta, 'resourceVersion', 'missing-resource-version');
  const namespace = requiredString(meta, 'namespace', 'invalid-field');
  const labels = stringMapAt(meta, 'labels', 'metadata');
  const allAnnotations = objectAt(meta, 'annotations', 'metadata');
  const annotations: Record<string, string> = {};
  if (allAnnotations !== null) {
    for (const key of ANNOTATION_WHITELIST) {
      const value = stringAt(allAnnotations, key, 'metadata.annotations');
      if (value !== null) annotations[key] = value;
    }
  }
  const { kind: ownerKind, name: ownerName } = owner(meta);
  return {
    uid,
    namespace,
    name,
    resourceVersion,
    labels,
    annotations,
    ownerKind,
    ownerName,
    createdAt: nonEmptyStringAt(meta, 'creationTimestamp', 'metadata'),
    deletedAt: nonEmptyStringAt(meta, 'deletionTimestamp', 'metadata'),
  };
}
