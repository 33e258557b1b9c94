import { type ApiLimits, checkRows } from '../limits.js';

/**
 * The rows of every item (a service) in order, refused with EPH_ERR_TOO_MANY_ROWS as soon as they
 * pass `maxRows` — before the remaining items are even read, so a request for thousands of services
 * costs at most one cap's worth of memory.
 */
export async function collectRows<S, R>(
  limits: ApiLimits,
  items: readonly S[],
  rowsOf: (item: S) => Promise<readonly R[]>,
  what: string,
): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) {
    for (const r of await rowsOf(item)) out.push(r);
    checkRows(limits, out, what);
  }
  return out;
}
