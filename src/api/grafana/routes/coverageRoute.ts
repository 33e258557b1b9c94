import type { FastifyInstance } from 'fastify';
import { ephError } from '../../../errors/index.js';
import { KINDS, type Kind } from '../../../model/index.js';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { shortDuration } from '../annotations.js';
import { multi, parseCluster, parseRange, type Query, querySchema } from '../params.js';

/** A recording gap as an annotation region: nothing is known about `kind` over [time, timeEnd]. */
export interface GapRow {
  time: number;
  timeEnd: number;
  kind: Kind;
  reason: string;
  title: string;
  text: string;
  tags: string;
}

const QUERY = ['from', 'to', 'kind', 'cluster'] as const;
type CoverageQuery = Query<(typeof QUERY)[number]>;

function parseKinds(query: CoverageQuery): Kind[] {
  const asked = multi(query, 'kind') ?? [...KINDS];
  for (const k of asked) {
    if (!(KINDS as readonly string[]).includes(k)) {
      throw ephError('EPH_ERR_BAD_ARGUMENT', `kind must be one of ${KINDS.join(', ')}, got "${k}"`, {
        kind: k,
      });
    }
  }
  return asked as Kind[];
}

const gap = (kind: Kind, time: number, timeEnd: number, reason: string): GapRow => ({
  time,
  timeEnd,
  kind,
  reason,
  title: `${kind} not recorded`,
  text: `no consistent view of ${kind} for ${shortDuration(timeEnd - time)} (${reason}): answers in this period are incomplete`,
  tags: ['gap', kind, reason].join(','),
});

/**
 * `GET coverage?from=&to=&kind=&cluster=`: the recording gaps of each kind (default all) within the
 * range, clipped to it, by time — so a dashboard can shade the periods it knows nothing about.
 * With nothing recorded at all, the whole range is one gap per kind (`not-recording`). At most
 * `maxRows` rows.
 */
export function coverageRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: CoverageQuery }>(
    '/coverage',
    { schema: querySchema(QUERY) },
    async (request): Promise<GapRow[]> => {
      const query = request.query;
      const kinds = parseKinds(query);
      const range = parseRange(query, ctx);
      if (range === null) return [];
      const cluster = parseCluster(query);
      if (cluster === null && (await ctx.history.clusters()).length === 0) {
        return range.to > range.from ? kinds.map((k) => gap(k, range.from, range.to, 'not-recording')) : [];
      }
      const gaps = (await ctx.history.coverage({ cluster, from: range.from, to: range.to, kinds })).filter(
        (i) => !i.covered && i.from !== null && i.to !== null && i.to > i.from,
      );
      return checkRows(ctx.limits, gaps, 'coverage')
        .map((i) => gap(i.kind, i.from!, i.to!, i.reason ?? 'unknown'))
        .sort((a, b) => a.time - b.time || a.timeEnd - b.timeEnd || (a.kind < b.kind ? -1 : 1));
    },
  );
}
