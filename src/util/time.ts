import { ephError } from '../errors/index.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration like `90s`, `15m`, `2h`, `1h30m`, `7d`, or plain milliseconds (`30000`).
 * Returns null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(t)) return null;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return Math.round(total);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * Date.parse rolls impossible calendar dates over (2026-02-30 becomes March 2nd) and reads hour 24
 * as the next day's midnight: a time that names a day the month does not have is a bad time.
 */
function isRealDate(match: RegExpExecArray): boolean {
  const [year, month, day, hour] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23;
}

/**
 * The range of a JavaScript Date (±100,000,000 days around 1970): a time outside it cannot be
 * printed, compared with stored times or given back, so it is a bad time, never a silent 1970.
 */
export const MAX_TIME_MS = 8.64e15;

/**
 * A time as the user wrote it, before "now" is known: an absolute instant, or an offset from the
 * moment the question is answered (`now` is offset 0). Plain data, so that a GraphQL engine that
 * compiles a query's literals into code (graphql-jit) keeps it as written, not resolved.
 */
export type TimeInput = { readonly absolute: number } | { readonly fromNow: number };

const badTime = (input: string | number, why: string) =>
  ephError('EPH_ERR_BAD_TIME', `bad time "${input}": ${why}`, { input });

const OUT_OF_RANGE = 'it lies outside the years JavaScript dates can hold (±8.64e15 ms around 1970)';

function absolute(ms: number, input: string | number): TimeInput {
  if (Math.abs(ms) > MAX_TIME_MS) throw badTime(input, OUT_OF_RANGE);
  return { absolute: ms };
}

/**
 * Parses user time input without resolving it: epoch milliseconds (number or digits), RFC 3339 with
 * a zone, `now`, or relative to now (`-2h`, `+5m`, `now-90s`). Throws EPH_ERR_BAD_TIME otherwise,
 * and for a time or an offset outside the Date range (`1e300`, `+100000000000w`).
 */
export function parseTimeInput(input: string | number): TimeInput {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && Number.isInteger(input)) return absolute(input, input);
    throw ephError('EPH_ERR_BAD_TIME', `time ${input} is not an integer number of epoch milliseconds`);
  }
  const t = input.trim();
  if (t === 'now') return { fromNow: 0 };
  if (/^-?\d{1,16}$/.test(t)) return absolute(Number(t), input);
  const rel = /^(?:now)?\s*([+-])\s*(\S+)$/.exec(t);
  if (rel) {
    const d = parseDuration(rel[2]!);
    if (d !== null) {
      if (!Number.isFinite(d) || d > MAX_TIME_MS) throw badTime(input, OUT_OF_RANGE);
      return { fromNow: rel[1] === '-' ? -d : d };
    }
  }
  const rfc = RFC3339.exec(t);
  if (rfc && isRealDate(rfc)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (Number.isFinite(ms)) return absolute(ms, input);
  }
  throw badTime(
    input,
    'use RFC 3339 (2026-01-02T15:04:05Z), epoch milliseconds, "now" or a relative time like -2h',
  );
}

/** The instant a parsed time names when "now" is `now`; EPH_ERR_BAD_TIME if that leaves the Date range. */
export function resolveTime(time: TimeInput, now: number): number {
  if ('absolute' in time) return time.absolute;
  const ms = now + time.fromNow;
  if (Math.abs(ms) > MAX_TIME_MS)
    throw badTime(`now${time.fromNow < 0 ? '' : '+'}${time.fromNow}ms`, OUT_OF_RANGE);
  return ms;
}

/**
 * A point in time from user input, resolved against `now`: see {@link parseTimeInput}. Throws
 * EPH_ERR_BAD_TIME for anything else.
 */
export function parseTime(input: string | number, now: number): number {
  return resolveTime(parseTimeInput(input), now);
}

const formatted = new Map<number, string>();

/**
 * RFC 3339 in UTC with milliseconds, the output form of every time. Remembers the last few thousand
 * results: answers repeat the same instants (the rows one event opened share their `since`), and
 * `Date#toISOString` was a measurable share of an `endpoints(at)` request.
 */
export function formatTime(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (formatted.size >= 4096) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}
