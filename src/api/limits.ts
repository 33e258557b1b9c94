import { ephError } from '../errors/index.js';

/** Protection limits of the read API; every one can be raised by the operator. */
export interface ApiLimits {
  /** Longest time range a single range question may cover (ms). Default 31 days. */
  maxRangeMs: number;
  /** Largest page of a connection (`first`). */
  maxPageSize: number;
  /** Deepest GraphQL selection nesting. */
  maxDepth: number;
  /** Highest static cost of a GraphQL query (fields × list multipliers). */
  maxCost: number;
  /** Most points a ready-count series may return. */
  maxPoints: number;
  /**
   * Most rows (array items) one answer may hold: a Grafana route's rows, a GraphQL list field's items.
   * A ready-count over many services widens its step to stay within it; other answers are refused.
   */
  maxRows: number;
  /** Longest GraphQL query text, in UTF-8 bytes. */
  maxQueryBytes: number;
  /** Most lexical tokens of a GraphQL query (graphql-js `parse(…, { maxTokens })`). */
  maxTokens: number;
  /** Most aliased fields in a GraphQL query. */
  maxAliases: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxRangeMs: 31 * 24 * 3_600_000,
  maxPageSize: 1000,
  maxDepth: 10,
  maxCost: 5000,
  maxPoints: 11_000,
  maxRows: 50_000,
  maxQueryBytes: 32_768,
  maxTokens: 2000,
  maxAliases: 100,
};

/**
 * `rows` unchanged when there are at most `maxRows` of them; else EPH_ERR_TOO_MANY_ROWS: an answer cut
 * short would look complete, so it is refused with a hint to ask for less.
 */
export function checkRows<T>(limits: ApiLimits, rows: T[], what: string): T[] {
  if (rows.length > limits.maxRows) {
    throw ephError(
      'EPH_ERR_TOO_MANY_ROWS',
      `${what} has more than ${limits.maxRows} rows, the most one answer holds; choose fewer services or a shorter range`,
      { maxRows: limits.maxRows },
    );
  }
  return rows;
}

/** Fails with EPH_ERR_BAD_RANGE when inverted, EPH_ERR_RANGE_TOO_LARGE when longer than allowed. */
export function checkRange(limits: ApiLimits, from: number, to: number): { from: number; to: number } {
  if (to < from) throw ephError('EPH_ERR_BAD_RANGE', 'range ends before it starts', { from, to });
  if (to - from > limits.maxRangeMs) {
    throw ephError(
      'EPH_ERR_RANGE_TOO_LARGE',
      `range of ${to - from} ms is longer than the maximum of ${limits.maxRangeMs} ms`,
      { from, to, maxRangeMs: limits.maxRangeMs },
    );
  }
  return { from, to };
}
