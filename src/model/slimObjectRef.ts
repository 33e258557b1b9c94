import { type JsonObject, nonEmptyStringAt, objectAt } from './jsonFields.js';
import type { ObjectRef } from './types.js';

/**
 * The identifying part of an ObjectReference (`targetRef`): kind, namespace, name, uid. Its
 * resourceVersion and fieldPath are dropped: old controllers set resourceVersion, and keeping it
 * would make every pod update look like an endpoints change. A reference without a name keeps
 * name "" rather than failing the whole object: it is content, not structure.
 */
export function slimObjectRef(parent: JsonObject, key: string, at: string): ObjectRef | null {
  const ref = objectAt(parent, key, at);
  if (ref === null) return null;
  const refAt = `${at}.${key}`;
  return {
    kind: nonEmptyStringAt(ref, 'kind', refAt),
    namespace: nonEmptyStringAt(ref, 'namespace', refAt),
    name: nonEmptyStringAt(ref, 'name', refAt) ?? '',
    uid: nonEmptyStringAt(ref, 'uid', refAt),
  };
}
