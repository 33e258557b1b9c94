import { ephError } from '../../errors/index.js';
import { parseDuration, parseTime } from '../../util/time.js';
import type { ApiContext } from '../context.js';
import { checkRange } from '../limits.js';

/** A query string as fastify parses it: a repeated key arrives as an array. */
export type Query = Record<string, string | string[] | undefined>;

/** A half-open question window in epoch ms, already checked against the limits. */
export interface Range {
  from: number;
  to: number;
}

const ALL = new Set(['*', '$__all']);
const DEFAULT_SPAN_MS = 3_600_000;

/** The single value of `key`, trimmed; empty and absent read as undefined. A repeated key is an error. */
export function single(query: Query, key: string): string | undefined {
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
export function multi(query: Query, key: string): string[] | null {
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

function time(query: Query, key: string, now: number): number | undefined {
  const text = single(query, key);
  return text === undefined ? undefined : parseTime(text, now);
}

/**
 * `from`/`to` (epoch ms, RFC 3339, `now`, `-2h`; default the last hour up to now), checked: `to` not
 * before `from` (EPH_ERR_BAD_RANGE), at most `maxRangeMs` long (EPH_ERR_RANGE_TOO_LARGE). The end is
 * then clamped to now, because nothing is known about the future; null when the whole range lies in
 * the future, which every range route answers with an empty array.
 */
export function parseRange(query: Query, ctx: ApiContext): Range | null {
  const now = ctx.now();
  const to = time(query, 'to', now) ?? now;
  const from = time(query, 'from', now) ?? to - DEFAULT_SPAN_MS;
  checkRange(ctx.limits, from, to);
  const end = Math.min(to, now);
  return end < from ? null : { from, to: end };
}

/** `at` in any accepted time form; default now. */
export function parseAt(query: Query, ctx: ApiContext): number {
  const now = ctx.now();
  return time(query, 'at', now) ?? now;
}

/**
 * `step` in ms (`30000`) or as a duration (`30s`). Null — let the server choose — when absent or
 * when it is not a number at all: alert rules send the dashboard's `${__interval_ms}` literally. A
 * number that is not positive, or longer than `maxMs` (the longest range: one bucket aligned to a
 * multiple of such a step would start decades before the range), is an error (EPH_ERR_BAD_STEP).
 */
export function parseStep(query: Query, maxMs: number): number | null {
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
export const parseCluster = (query: Query): string | null => single(query, 'cluster') ?? null;
