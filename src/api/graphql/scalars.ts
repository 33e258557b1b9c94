import type { ValueNode } from 'graphql';
import { ephError } from '../../errors/index.js';
import { formatTime, parseDuration, parseTime } from '../../util/time.js';
import { graphql } from './graphqlRuntime.js';

const { Kind } = graphql;

/** Resolvers of the scalars, in the shape mercurius' defineResolvers merges into GraphQLScalarType. */
export interface ScalarResolvers {
  serialize: (value: unknown) => unknown;
  parseValue: (value: unknown) => number;
  parseLiteral: (node: ValueNode) => number;
}

function timeFrom(value: unknown, now: number): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    throw ephError('EPH_ERR_BAD_TIME', `time ${value} is not a whole number of epoch milliseconds`);
  }
  if (typeof value === 'string') return parseTime(value, now);
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
 * out: RFC 3339 UTC with milliseconds. Relative inputs are resolved against `now()` per request.
 */
export function dateTimeScalar(now: () => number): ScalarResolvers {
  return {
    serialize: (value) => {
      if (typeof value === 'number') return formatTime(value);
      if (value instanceof Date) return value.toISOString();
      throw new TypeError(`DateTime cannot represent ${String(value)}`);
    },
    parseValue: (value) => timeFrom(value, now()),
    parseLiteral: (node) => timeFrom(literal(node), now()),
  };
}

function durationFrom(value: unknown): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null || !Number.isFinite(ms) || ms <= 0) {
    throw ephError(
      'EPH_ERR_BAD_STEP',
      `bad duration ${JSON.stringify(value)}: use milliseconds or a form like 30s, 5m, 1h`,
    );
  }
  return ms;
}

/** Duration: ms inside and out; in also `30s`, `5m`, `1h30m`. */
export function durationScalar(): ScalarResolvers {
  return {
    serialize: (value) => value,
    parseValue: durationFrom,
    parseLiteral: (node) => durationFrom(literal(node)),
  };
}
