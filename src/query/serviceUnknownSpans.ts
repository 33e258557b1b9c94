import { unknownSpans } from './coverage.js';
import type { QueryContext } from './QueryContext.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import { answerKinds } from './sourceAt.js';

/**
 * The moments of [from, to] at which nothing certain can be said about a service's endpoints: a gap
 * of the Service kind or of the source kind in force at `to` (the source range questions read), as
 * merged half-open spans by time.
 */
export async function serviceUnknownSpans(
  ctx: QueryContext,
  args: ServiceRangeArgs,
): Promise<[number, number][]> {
  const { cluster, source } = await serviceRange(ctx, args);
  return unknownSpans(ctx, cluster, answerKinds(source), args.from, args.to);
}
