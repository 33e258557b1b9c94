import { ephError } from '../../errors/index.js';
import { type History, MAX_PAGE_SIZE, type MembershipChangeOut } from '../../query/index.js';
import type { Range } from './params.js';
import type { ServiceRef } from './selectServices.js';

/**
 * Every membership change of one service within the range (from ≤ time ≤ to), oldest first, read
 * page by page. More than `limit` changes is EPH_ERR_RANGE_TOO_LARGE: a dashboard asking for that
 * many should narrow its range rather than receive a truncated, misleading answer.
 */
export function allChanges(
  history: History,
  cluster: string | null,
  service: ServiceRef,
  range: Range,
  limit: number,
): MembershipChangeOut[] {
  const out: MembershipChangeOut[] = [];
  let after: string | null = null;
  for (;;) {
    const page = history.changes({
      cluster,
      namespace: service.namespace,
      service: service.name,
      from: range.from,
      to: range.to,
      first: MAX_PAGE_SIZE,
      after,
    });
    if (page.totalCount > limit) {
      throw ephError(
        'EPH_ERR_RANGE_TOO_LARGE',
        `${service.namespace}/${service.name} changed ${page.totalCount} times in this range, more than the ${limit} allowed; narrow the range`,
        { changes: page.totalCount, limit },
      );
    }
    for (const edge of page.edges) out.push(edge.node);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}
