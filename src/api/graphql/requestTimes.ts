import { resolveTime, type TimeInput } from '../../util/time.js';
import type { ApiContext } from '../context.js';
import { resolveRange } from './ranges.js';

type Maybe<T> = T | null | undefined;

/** The range arguments of a field, as the DateTime scalar parsed them. */
export interface TimeRangeArgs {
  from?: Maybe<TimeInput>;
  to?: Maybe<TimeInput>;
}

/** Every time of one GraphQL request, resolved against the request's one "now". */
export interface RequestTimes {
  readonly now: number;
  /** A time argument, or `now` when it was left out. */
  at(time: Maybe<TimeInput>): number;
  /** A time argument, or null when it was left out. */
  time(time: Maybe<TimeInput>): number | null;
  /** A pair of range arguments with their defaults (`to` now, `from` per `resolveRange`), checked. */
  range(args: TimeRangeArgs, defaultFrom?: (to: number) => number): { from: number; to: number };
}

/** One "now" per request: mercurius gives every resolver of a request the same context object. */
const nows = new WeakMap<object, number>();

/**
 * The times of the request `context` belongs to. "now" is read from the clock once, by the first
 * resolver that asks, and every relative time and default of the request (`now`, `-24h`, a left-out
 * `to`) is resolved against it: `outages(from: "-31d")` spans exactly 31 days, and two fields of one
 * query never see two different nows.
 */
export function requestTimes(api: ApiContext, context: object): RequestTimes {
  let now = nows.get(context);
  if (now === undefined) {
    now = api.now();
    nows.set(context, now);
  }
  const at = now;
  const time = (t: Maybe<TimeInput>): number | null => (t == null ? null : resolveTime(t, at));
  return {
    now: at,
    at: (t) => time(t) ?? at,
    time,
    range: (a, defaultFrom) =>
      resolveRange(api.limits, at, { from: time(a.from), to: time(a.to) }, defaultFrom),
  };
}
