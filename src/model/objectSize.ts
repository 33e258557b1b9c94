/**
 * Largest raw object (its JSON text, in UTF-8 bytes) we accept. The API server's own limit is
 * about 1.5 MiB (etcd); real Pods, Services, Endpoints (≤ 1000 addresses) and EndpointSlices
 * (≤ 1000 endpoints) stay far below 1 MiB, so anything larger is hostile or broken.
 */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/**
 * True when `text` is longer than `maxBytes` in UTF-8, without encoding it when the answer is
 * clear from its length alone: a UTF-16 code unit is 1 to 3 UTF-8 bytes.
 */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** The most UTF-8 bytes one UTF-16 code unit of a string takes in JSON (`\u001f`). */
const MAX_BYTES_PER_UNIT = 6;
/** The longest JSON text of a number (`-1.2345678901234567e-308`). */
const MAX_NUMBER_BYTES = 24;
/** Deeper than this the bound gives up (the exact measure decides). */
const MAX_DEPTH = 64;

/**
 * True when the JSON text of `value` is certainly at most `maxBytes` UTF-8 bytes, from an upper bound
 * computed without serialising it (every character counted as an escape, every number at its
 * longest); false when the bound cannot tell (near the limit, a value JSON.parse does not produce, a
 * nesting deeper than MAX_DEPTH) and the caller must measure the text itself. A list page of 500 pods
 * is thus checked without building 500 JSON texts only to count them.
 */
export function jsonBytesAtMost(value: unknown, maxBytes: number): boolean {
  return boundBytes(value, maxBytes, 0) <= maxBytes;
}

/** An upper bound of `value`'s JSON bytes, or more than `budget` once it exceeds it (or cannot tell). */
function boundBytes(value: unknown, budget: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return 2 + MAX_BYTES_PER_UNIT * value.length;
    case 'number':
      return MAX_NUMBER_BYTES;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_DEPTH) return Number.POSITIVE_INFINITY;
      let total = 2;
      if (Array.isArray(value)) {
        for (const item of value) {
          total += 1 + boundBytes(item, budget - total, depth + 1);
          if (total > budget) return total;
        }
        return total;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return Number.POSITIVE_INFINITY;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        total += 4 + MAX_BYTES_PER_UNIT * key.length;
        total += boundBytes((value as Record<string, unknown>)[key], budget - total, depth + 1);
        if (total > budget) return total;
      }
      return total;
    }
    case 'undefined':
      return 0;
    default:
      return Number.POSITIVE_INFINITY;
  }
}
