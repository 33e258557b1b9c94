import type { FastifyInstance } from 'fastify';
import { ephError } from '../../../errors/index.js';
import type { MembershipChangeOut } from '../../../query/index.js';
import { compareText } from '../../../util/compareText.js';
import type { ApiContext } from '../../context.js';
import { checkRows } from '../../limits.js';
import { allChanges } from '../allChanges.js';
import { type AnnotationRow, changeAnnotations, outageAnnotation } from '../annotations.js';
import { multi, type Query, querySchema, SERVICE_RANGE_QUERY } from '../params.js';
import { qualified, serviceRangeRequest } from '../selectServices.js';

const TYPES = ['change', 'outage'] as const;
type EventType = (typeof TYPES)[number];

const QUERY = [...SERVICE_RANGE_QUERY, 'pod', 'type'] as const;
type EventsQuery = Query<(typeof QUERY)[number]>;

function parseTypes(query: EventsQuery): Set<EventType> {
  const asked = multi(query, 'type') ?? [...TYPES];
  for (const t of asked) {
    if (!(TYPES as readonly string[]).includes(t)) {
      throw ephError('EPH_ERR_BAD_ARGUMENT', `type must be change or outage, got "${t}"`, { type: t });
    }
  }
  return new Set(asked as EventType[]);
}

/**
 * `GET events?namespace=&service=&pod=&from=&to=&type=&cluster=`: annotation rows for membership
 * changes (points, one per service and instant) and outages (regions), sorted by time. `type` picks
 * `change`, `outage` or both (default), so a dashboard can colour them apart. `pod` (one name, or
 * several comma-separated) keeps only the changes of those pods — "when did pod Y leave" — and, as
 * an outage is no pod's event, no outages. At most `maxRows` rows.
 */
export function eventsRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: EventsQuery }>(
    '/events',
    { schema: querySchema(QUERY) },
    async (request): Promise<AnnotationRow[]> => {
      const query = request.query;
      const types = parseTypes(query);
      const pods = multi(query, 'pod');
      const asked = await serviceRangeRequest(query, ctx);
      if (asked === null) return [];
      const { services, range, cluster } = asked;
      const ofPods = (c: MembershipChangeOut) => pods === null || pods.includes(c.targetRef?.name ?? '');
      const rows: AnnotationRow[] = [];
      for (const s of services) {
        const label = qualified(s);
        if (types.has('change')) {
          const changes = (await allChanges(ctx.history, cluster, s, range, ctx.limits.maxPoints)).filter(
            ofPods,
          );
          rows.push(...changeAnnotations(label, changes));
        }
        if (types.has('outage') && pods === null) {
          const ask = { cluster, namespace: s.namespace, service: s.name, ...range };
          rows.push(...(await ctx.history.outages(ask)).map((o) => outageAnnotation(label, o)));
        }
        checkRows(ctx.limits, rows, 'events');
      }
      return rows.sort(
        (a, b) => a.time - b.time || a.timeEnd - b.timeEnd || compareText(a.service, b.service),
      );
    },
  );
}
