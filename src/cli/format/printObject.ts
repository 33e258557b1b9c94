import { stringify } from 'yaml';
import type { CliOutput } from '../io.js';

/** Deep copy with object keys sorted, as kubectl prints (it goes through unstructured maps). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/**
 * `-o json` (4-space indent, like kubectl) or `-o yaml` of an object. kubectl writes YAML with go-yaml
 * v2, a YAML 1.1 emitter: strings that YAML 1.1 would read as something else (timestamps, yes/no/on/off,
 * numbers) are double-quoted, so `creationTimestamp: "2026-01-01T00:00:00Z"` as kubectl prints it.
 */
export function printObject(out: CliOutput, value: unknown, format: 'json' | 'yaml'): void {
  const sorted = sortKeys(value);
  out.write(
    format === 'json'
      ? `${JSON.stringify(sorted, null, 4)}\n`
      : stringify(sorted, { indentSeq: false, version: '1.1' }),
  );
}

/** kubectl wraps several objects in a v1 List. */
export const asList = (items: unknown[]): unknown => ({
  apiVersion: 'v1',
  items,
  kind: 'List',
  metadata: { resourceVersion: '' },
});
