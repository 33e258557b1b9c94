import { ephError } from '../../errors/index.js';
import { parseDuration, parseTime } from '../../util/time.js';
import type { ApiContext } from '../context.js';
import { checkRange } from '../limits.js';

/** A query string as a route declared it: each of its parameters, once or (a repeated key) several times. */
export type Query<K extends string = string> = { readonly [P in K]?: string | string[] };

/** One parameter's JSON schema: a string, or an array of strings when the key is repeated. */
const PARAM = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;

/**
 * The fastify schema of a route whose query string has the parameters `keys` (others are accepted
 * and ignored, as dashboards send their own); the route's `Querystring` type is `Query<key>`, from
 * the same list. The values are checked by the parsers below, whose coded errors say what is wrong.
 */
export function querySchema<K extends string>(keys: readonly K[]) {
  return {
    querystring: {
      type: 'object',
      properties: Object.fromEntries(keys.map((k) => [k, PARAM])) as Record<K, typeof PARAM>,
    },
  } as const;
}

/** A half-open question window in epoch ms, already checked against the limits. */
export interface Range {
  from: number;
  to: number;
}

const ALL = new Set(['*', '$__all']);
const DEFAULT_SPAN_MS = 3_600_000;

/** The single value of `key`, trimmed; empty and absent read as undefined. A repeated key is an error. */
export function single<K extends string>(query: Query<K>, key: K): string | undefined {
  const raw = query[key];
  if (Array.isArray(raw)) {
    throw ephError('EPH_ERR_BAD_ARGUMENT', `${key} was given ${raw.length} times; give it once`, {
      [key]: raw,
    });
  }
  const text = raw?.trim();
  return text === '' ? undefined : text;
}

/**
 * A multi-value template variable in any form Grafana sends it: `a,b` (`${v:csv}`), `{a,b}` (the
 * default glob format), a repeated key, or one value. Null means "all": absent, empty, `*` or `$__all`.
 */
export function multi<K extends string>(query: Query<K>, key: K): string[] | null {
  const raw = query[key];
  const given = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const values = new Set<string>();
  for (const g of given) {
    let text = g.trim();
    if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
    for (const v of text.split(',')) if (v.trim() !== '') values.add(v.trim());
  }
  if (values.size === 0 || [...values].some((v) => ALL.has(v))) return null;
  return [...values];
}

function time<K extends string>(query: Query<K>, key: K, now: number): number | undefined {
  const text = single(query, key);
  return text === undefined ? undefined : parseTime(text, now);
}

/**
 * `from`/`to` (epoch ms, RFC 3339, `now`, `-2h`; default the last hour up to now), checked: `to` not
 * before `from` (EPH_ERR_BAD_RANGE), at most `maxRangeMs` long (EPH_ERR_RANGE_TOO_LARGE). The end is
 * then clamped to now, because nothing is known about the future; null when the whole range lies in
 * the future, which every range route answers with an empty array.
 */
export function parseRange(query: Query<'from' | 'to'>, ctx: ApiContext): Range | null {
  const now = ctx.now();
  const to = time(query, 'to', now) ?? now;
  const from = time(query, 'from', now) ?? to - DEFAULT_SPAN_MS;
  checkRange(ctx.limits, from, to);
  const end = Math.min(to, now);
  return end < from ? null : { from, to: end };
}

/** `at` in any accepted time form; default now. */
export function parseAt(query: Query<'at'>, ctx: ApiContext): number {
  const now = ctx.now();
  return time(query, 'at', now) ?? now;
}

/**
 * `step` in ms (`30000`) or as a duration (`30s`). Null — let the server choose — when absent or
 * when it is not a number at all: alert rules send the dashboard's `${__interval_ms}` literally. A
 * number that is not positive, or longer than `maxMs` (the longest range: one bucket aligned to a
 * multiple of such a step would start decades before the range), is an error (EPH_ERR_BAD_STEP).
 */
export function parseStep(query: Query<'step'>, maxMs: number): number | null {
  const text = single(query, 'step');
  if (text === undefined) return null;
  const looksNumeric = /^[-+]?(\d|\.\d)/.test(text);
  const ms = looksNumeric && /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
  if (ms !== null && Number.isFinite(ms) && ms > maxMs)
    throw ephError('EPH_ERR_BAD_STEP', `step "${text}" is longer than the longest range (${maxMs} ms)`, {
      step: text,
    });
  if (ms !== null && Number.isFinite(ms) && ms > 0) return Math.ceil(ms);
  if (looksNumeric)
    throw ephError('EPH_ERR_BAD_STEP', `step must be a positive number of ms, got "${text}"`, { step: text });
  return null;
}

/** The optional `cluster` (needed only when the database holds several). */
export const parseCluster = (query: Query<'cluster'>): string | null => single(query, 'cluster') ?? null;

/** The parameters of every route that asks about services over a range. */
export const SERVICE_RANGE_QUERY = ['namespace', 'service', 'from', 'to', 'cluster'] as const;
export type ServiceRangeQuery = Query<(typeof SERVICE_RANGE_QUERY)[number]>;
