import { ephError } from '../../errors/index.js';
import { parseDuration, parseTime } from '../../util/time.js';

/** A `--at`/`--from`/`--to` value as epoch ms; throws EPH_ERR_BAD_TIME (exit 2) on nonsense. */
export function timeFlag(input: string, now: number): number {
  return parseTime(input, now);
}

/**
 * A `[from, to]` pair as typed; throws EPH_ERR_BAD_RANGE when `to` is before `from`, naming the two
 * the way the user typed them (`--from`/`--to` flags, or `diff`'s T1 and T2 arguments).
 */
export function rangeFlags(
  from: string,
  to: string,
  now: number,
  names: readonly [string, string] = ['--from', '--to'],
): { from: number; to: number } {
  const range = { from: parseTime(from, now), to: parseTime(to, now) };
  if (range.to < range.from) {
    throw ephError(
      'EPH_ERR_BAD_RANGE',
      `range ends before it starts: ${names[0]} ${from} is after ${names[1]} ${to}`,
      range,
    );
  }
  return range;
}

/**
 * A duration flag (`30d`, `12h`, `90m`); throws EPH_ERR_BAD_ARGUMENT (exit 2) on nonsense, and on
 * zero unless `zero` says it means something (as "never" does for a relist interval).
 */
export function durationFlag(name: string, input: string, options: { zero?: boolean } = {}): number {
  const ms = parseDuration(input);
  if (ms === null || ms < 0 || (ms === 0 && !options.zero)) {
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      `bad duration for ${name} "${input}": use a form like 30d, 12h or 90m`,
      { input },
    );
  }
  return ms;
}
