import type { Kind } from '../model/types.js';
import type { CoverageOp, CursorUpdate } from '../store/types.js';
import type { CloseReason, OpenReason } from './reasons.js';

/** Scope key of a cluster-wide stream. */
export const ALL_NAMESPACES = '*';

/**
 * Coverage and cursor are stored per (cluster, kind), but one kind may be watched as several
 * namespace streams. The kind is covered only while every stream is live; its cursor is the lowest
 * RV any stream has reached (RVs are one global etcd revision, so every stream can resume from it; the
 * replayed overlap is deduplicated by the store). With one stream both reduce to that stream's own.
 */
export class KindCoverage {
  private readonly live = new Set<string>();
  private readonly rvs = new Map<string, string>();
  private lastAt = 0;

  constructor(
    readonly cluster: string,
    readonly kind: Kind,
    private readonly scopes: readonly string[],
  ) {}

  get isLive(): boolean {
    return this.scopes.every((s) => this.live.has(s));
  }

  /** Marks `scope` live; returns the open op when this completes the kind's consistent view. */
  open(scope: string, at: number, reason: OpenReason): CoverageOp[] {
    const was = this.isLive;
    this.live.add(scope);
    if (was || !this.isLive) return [];
    return [{ op: 'open', cluster: this.cluster, kind: this.kind, at: this.stamp(at), reason }];
  }

  /** Marks `scope` broken; returns the close op when the kind was covered until now. */
  close(scope: string, at: number, reason: CloseReason): CoverageOp[] {
    const was = this.isLive;
    this.live.delete(scope);
    if (!was) return [];
    return [{ op: 'close', cluster: this.cluster, kind: this.kind, at: this.stamp(at), reason }];
  }

  /** Records `scope`'s position; returns the kind's cursor to persist, if one is known for all scopes. */
  cursor(scope: string, resourceVersion: string): CursorUpdate | undefined {
    this.rvs.set(scope, resourceVersion);
    if (this.scopes.length === 1) return { cluster: this.cluster, kind: this.kind, resourceVersion };
    let min: bigint | null = null;
    for (const s of this.scopes) {
      const rv = this.rvs.get(s);
      if (rv === undefined || !/^\d+$/.test(rv)) return undefined;
      const n = BigInt(rv);
      if (min === null || n < min) min = n;
    }
    return min === null
      ? undefined
      : { cluster: this.cluster, kind: this.kind, resourceVersion: String(min) };
  }

  /** Coverage times never go backwards for a kind (an interval cannot end before it starts). */
  private stamp(at: number): number {
    this.lastAt = Math.max(this.lastAt, at);
    return this.lastAt;
  }

  /** Seeds the time floor, e.g. with the close time written for a crash. */
  seed(at: number): void {
    this.lastAt = Math.max(this.lastAt, at);
  }
}

/** Numeric RV comparison: a heuristic (RVs are opaque) used only to detect an RV reset. */
export function rvLessThan(a: string, b: string): boolean {
  return /^\d+$/.test(a) && /^\d+$/.test(b) && BigInt(a) < BigInt(b);
}
