import type { ValueNode } from 'graphql';
import { ephError } from '../../errors/index.js';
import { formatTime, MAX_TIME_MS, parseDuration, parseTimeInput, type TimeInput } from '../../util/time.js';
import { graphql } from './graphqlRuntime.js';

const { Kind } = graphql;

/** Resolvers of the scalars, in the shape mercurius' defineResolvers merges into GraphQLScalarType. */
export interface ScalarResolvers<In> {
  serialize: (value: unknown) => unknown;
  parseValue: (value: unknown) => In;
  parseLiteral: (node: ValueNode) => In;
}

function timeFrom(value: unknown): TimeInput {
  if (typeof value === 'number' || typeof value === 'string') return parseTimeInput(value);
  throw ephError('EPH_ERR_BAD_TIME', 'a time must be an RFC 3339 string or epoch milliseconds');
}

const literal = (node: ValueNode): unknown =>
  node.kind === Kind.INT || node.kind === Kind.FLOAT
    ? Number(node.value)
    : node.kind === Kind.STRING
      ? node.value
      : undefined;

/**
 * DateTime: epoch ms inside. In: RFC 3339, epoch ms (number or digits), `now`, relative (`-2h`);
 * out: RFC 3339 UTC with milliseconds. Input is parsed, not resolved: `now` and `-2h` stay relative
 * (a `TimeInput`) and the resolvers resolve every time of a request against that request's one
 * "now" (`requestTimes`). graphql-jit evaluates literals once, when it compiles a query text, so a
 * literal resolved here would freeze at the moment of compilation.
 */
export function dateTimeScalar(): ScalarResolvers<TimeInput> {
  return {
    serialize: (value) => {
      if (typeof value === 'number') return formatTime(value);
      if (value instanceof Date) return value.toISOString();
      throw new TypeError(`DateTime cannot represent ${String(value)}`);
    },
    parseValue: timeFrom,
    parseLiteral: (node) => timeFrom(literal(node)),
  };
}

function durationFrom(value: unknown): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null || !Number.isFinite(ms) || ms <= 0 || ms > MAX_TIME_MS) {
    throw ephError(
      'EPH_ERR_BAD_STEP',
      `bad duration ${JSON.stringify(value)}: use a positive number of milliseconds or a form like 30s, 5m, 1h`,
    );
  }
  return ms;
}

/** Duration: ms inside and out; in also `30s`, `5m`, `1h30m`. At most the span of the Date range. */
export function durationScalar(): ScalarResolvers<number> {
  return {
    serialize: (value) => value,
    parseValue: durationFrom,
    parseLiteral: (node) => durationFrom(literal(node)),
  };
}
