import { type ApiLimits, checkRows } from '../../limits.js';

type Resolver = (...args: unknown[]) => unknown;
type Resolvers = Record<string, unknown>;

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * Every field resolver of `resolvers` (the functions of each type's map; scalars and subscriptions,
 * which are objects, are left alone) made to refuse a list longer than `maxRows` with
 * EPH_ERR_TOO_MANY_ROWS on its field, so no list — `services`, `podsByIP`, `coverage`, a
 * `readyCount` without step, the ones added later — can grow an answer without bound.
 */
export function capLists<T extends Resolvers>(resolvers: T, limits: ApiLimits): T {
  const capped: Resolvers = {};
  for (const [type, fields] of Object.entries(resolvers)) {
    if (typeof fields !== 'object' || fields === null) {
      capped[type] = fields;
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [name, resolve] of Object.entries(fields)) {
      if (typeof resolve !== 'function') {
        out[name] = resolve;
        continue;
      }
      const check = (value: unknown): unknown =>
        Array.isArray(value) ? checkRows(limits, value, `${type}.${name}`) : value;
      out[name] = (...args: unknown[]) => {
        const value = (resolve as Resolver)(...args);
        return isThenable(value) ? Promise.resolve(value).then(check) : check(value);
      };
    }
    capped[type] = out;
  }
  return capped as T;
}
