import type { FastifyInstance } from 'fastify';
import { ephError } from '../../errors/index.js';
import { evidenceMarkdown } from '../../render/evidenceMarkdown.js';
import { withRfc3339Times } from '../../render/jsonTimes.js';
import { formatTime } from '../../util/time.js';
import type { ApiContext } from '../context.js';
import { parseCluster, parseRange, type Query, querySchema, single } from '../grafana/params.js';

/** A file name made only of safe characters, whatever the service is called. */
const fileName = (parts: string[], ext: string): string =>
  `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`;

const QUERY = ['namespace', 'service', 'from', 'to', 'format', 'cluster'] as const;

/**
 * `GET export?namespace=&service=&from=&to=&format=md|json&cluster=`: the postmortem evidence pack of
 * one service over the range, exactly what `endpoints-history export` writes (the same code builds
 * it), as a download. The range is read as the Grafana routes read it (default the last hour, at
 * most the maximum range, the end clamped to now).
 */
export function exportRoute(app: FastifyInstance, ctx: ApiContext): void {
  type Q = Query<(typeof QUERY)[number]>;
  app.get<{ Querystring: Q }>('/export', { schema: querySchema(QUERY) }, async (request, reply) => {
    const query = request.query;
    const namespace = single(query, 'namespace');
    const service = single(query, 'service');
    if (namespace === undefined || service === undefined) {
      throw ephError('EPH_ERR_BAD_ARGUMENT', 'export needs namespace= and service=', {});
    }
    const format = single(query, 'format') ?? 'md';
    if (format !== 'md' && format !== 'json') {
      throw ephError('EPH_ERR_BAD_ARGUMENT', `format must be md or json, got "${format}"`, { format });
    }
    const now = ctx.now();
    const range = parseRange(query, ctx);
    if (range === null) {
      throw ephError(
        'EPH_ERR_BAD_RANGE',
        'the range lies wholly in the future: nothing is recorded there',
        {},
      );
    }
    const pack = await ctx.history.evidencePack({
      cluster: parseCluster(query),
      namespace,
      service,
      ...range,
      now,
    });
    // the cluster first: packs of one service in several clusters must not overwrite each other
    const name = fileName(['evidence', pack.cluster, namespace, service, formatTime(range.from)], format);
    reply.header('content-disposition', `attachment; filename="${name}"`);
    if (format === 'json') {
      return reply
        .type('application/json; charset=utf-8')
        .send(`${JSON.stringify(withRfc3339Times(pack), null, 2)}\n`);
    }
    return reply.type('text/markdown; charset=utf-8').send(evidenceMarkdown(pack, false));
  });
}
