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
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxRangeMs: 31 * 24 * 3_600_000,
  maxPageSize: 1000,
  maxDepth: 10,
  maxCost: 5000,
  maxPoints: 11_000,
};
