import { ephError } from '../errors/index.js';
import type { Kind } from '../model/types.js';
import { coverageAt, coverageTimeline } from './coverage.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import type { CoverageIntervalOut } from './types.js';

const iso = (ms: number | null, open: string) => (ms === null ? open : new Date(ms).toISOString());

function notRecorded(what: string, at: number, gaps: readonly CoverageIntervalOut[]): Error {
  const text = gaps
    .map(
      (g) => `${g.kind} ${iso(g.from, 'beginning')}–${iso(g.to, 'now')}${g.reason ? ` (${g.reason})` : ''}`,
    )
    .join('; ');
  return ephError(
    'EPH_ERR_NOT_RECORDED',
    `not recorded: ${what} at ${new Date(at).toISOString()} is unknown — recording gap ${text || 'unknown'}`,
    {
      at: new Date(at).toISOString(),
      gaps: gaps.map((g) => ({ ...g, from: iso(g.from, ''), to: iso(g.to, '') })),
    },
  );
}

/**
 * Refuses (EPH_ERR_NOT_RECORDED, with the gaps) a question whose answer at `at` depends on `kinds`
 * when one of them was not recorded then: where "nothing" (null, [], false) would be a guess that
 * looks certain. Answers that can carry `complete` and `gaps` themselves use coverageAt instead.
 */
export async function requireRecorded(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  at: number,
  what: string,
): Promise<void> {
  const { complete, gaps } = await coverageAt(ctx, cluster, kinds, at);
  if (!complete) throw notRecorded(what, at, gaps);
}

/**
 * Refuses a question about `kind` at a moment before it was first recorded (or when it never was):
 * nothing at all is known then. Gaps after recording began are left to the answer to declare.
 */
export async function requireRecordingBegun(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
  at: number,
  what: string,
): Promise<void> {
  const timeline = await coverageTimeline(ctx, cluster, kind);
  const first = timeline.find((i) => i.covered);
  if (first && first.from !== null && first.from <= at) return;
  throw notRecorded(
    what,
    at,
    timeline.filter((i) => !i.covered && (i.from === null || i.from <= at)).slice(0, 1),
  );
}
