/**
 * `fields` without its `undefined` values, the rest in the order given: how Go's encoding/json leaves
 * an unset optional field out (`omitempty`) while keeping the struct's field order.
 */
export function definedOnly<T extends Record<string, unknown>>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** `value` unless it is an empty map or list, which `omitempty` leaves out. */
export function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.length : Object.keys(value).length) > 0 ? value : undefined;
}
