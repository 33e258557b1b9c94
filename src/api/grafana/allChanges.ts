import { ephError } from '../../errors/index.js';
import type { History, MembershipChangeOut } from '../../query/index.js';
import type { Range } from './params.js';
import type { ServiceRef } from './selectServices.js';

/**
 * Every membership change of one service within the range (from ≤ time ≤ to), oldest first. More
 * than `limit` changes is EPH_ERR_RANGE_TOO_LARGE: a dashboard asking for that many should narrow
 * its range rather than receive a truncated, misleading answer.
 */
export async function allChanges(
  history: History,
  cluster: string | null,
  service: ServiceRef,
  range: Range,
  limit: number,
): Promise<MembershipChangeOut[]> {
  const all = await history.membershipChanges({
    cluster,
    namespace: service.namespace,
    service: service.name,
    from: range.from,
    to: range.to,
  });
  checkChanges(service, all.length, limit);
  return all;
}

/** EPH_ERR_RANGE_TOO_LARGE when a service changed more than `limit` times in the range. */
export function checkChanges(service: ServiceRef, changes: number, limit: number): void {
  if (changes > limit) {
    throw ephError(
      'EPH_ERR_RANGE_TOO_LARGE',
      `${service.namespace}/${service.name} changed ${changes} times in this range, more than the ${limit} allowed; narrow the range`,
      { changes, limit },
    );
  }
}
