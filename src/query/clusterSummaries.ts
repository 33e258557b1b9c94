import { KINDS, type Kind } from '../model/types.js';
import { coverageTimeline } from './coverage.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';

/**
 * How long after its last heartbeat a recorder still counts as alive. The recorder writes one with
 * every batch and every 5 s while idle (docs/design.md): 30 s is six missed beats, the same margin
 * /healthz gives a silent recorder thread.
 */
export const ALIVE_WINDOW_MS = 30_000;

/** What was recorded of one kind of a cluster. */
export interface KindCoverageOut {
  kind: Kind;
  /** Some interval of it was ever recorded. False: the kind was never watched (RBAC, a filter). */
  watched: boolean;
  /** Its last interval is still open and the recorder is alive: answers about now are complete. */
  recording: boolean;
  /** Start of its first recorded interval. */
  firstRecordedAt: number | null;
  /** End of its last recorded interval; null while that interval is open (or nothing recorded). */
  lastRecordedAt: number | null;
  /** Gaps between its first recorded interval and now (the time before recording began not counted). */
  gapCount: number;
}

/** One recorded cluster of the database, with when and what it was recorded. */
export interface ClusterSummaryOut {
  name: string;
  /** The earliest moment any kind was recorded. */
  firstRecordedAt: number | null;
  /** observed_at of its newest event. */
  lastObservedAt: number | null;
  /** Its recorder's last heartbeat. */
  heartbeatAt: number | null;
  /** A heartbeat within the last {@link ALIVE_WINDOW_MS} of now. */
  alive: boolean;
  /** One entry per kind, in KINDS order (kinds never watched included, `watched: false`). */
  kinds: KindCoverageOut[];
}

async function kindCoverage(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
  alive: boolean,
): Promise<KindCoverageOut> {
  const timeline = await coverageTimeline(ctx, cluster, kind);
  const covered = timeline.filter((i) => i.covered);
  const first = covered[0];
  const last = covered[covered.length - 1];
  // the timeline stands at now: an open interval ends there, followed by a `future` gap
  const tail = timeline[timeline.length - 1];
  const open =
    last !== undefined &&
    (last.to === null || (tail?.reason === 'future' && !tail.covered && tail.from === last.to));
  return {
    kind,
    watched: first !== undefined,
    recording: alive && open,
    firstRecordedAt: first?.from ?? null,
    lastRecordedAt: open ? null : (last?.to ?? null),
    gapCount:
      first === undefined
        ? 0
        : timeline.filter((i) => !i.covered && i.from !== null && i.reason !== 'future').length,
  };
}

/**
 * The clusters recorded in the database (the named one, or all, by name), each with its coverage
 * per kind, first and last recorded moments and whether its recorder is alive. An unknown name is
 * EPH_ERR_UNKNOWN_CLUSTER; an empty database answers an empty list (nothing is recorded: that is
 * the whole, certain answer to "which clusters").
 */
export async function clusterSummaries(
  ctx: QueryContext,
  name?: string | null,
): Promise<ClusterSummaryOut[]> {
  const now = ctx.now();
  const clusters = name ? [await ctx.cluster(name)] : await ctx.allClusters();
  const activity = new Map((await ctx.reads.clusterActivity()).map((a) => [a.id, a]));
  const out: ClusterSummaryOut[] = [];
  for (const c of clusters) {
    const a = activity.get(c.id);
    const heartbeatAt = a?.aliveAt ?? null;
    const alive = heartbeatAt !== null && now - heartbeatAt <= ALIVE_WINDOW_MS;
    const kinds = await Promise.all(KINDS.map((k) => kindCoverage(ctx, c, k, alive)));
    const starts = kinds.flatMap((k) => (k.firstRecordedAt === null ? [] : [k.firstRecordedAt]));
    out.push({
      name: c.name,
      firstRecordedAt: starts.length === 0 ? null : Math.min(...starts),
      lastObservedAt: a?.lastObservedAt ?? null,
      heartbeatAt,
      alive,
      kinds,
    });
  }
  return out;
}
