import { KINDS, type Kind } from './types.js';

/** True when `value` is one of the kinds we record (exact spelling, as in a watch event's `kind`). */
export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}
