import type { PodOut } from '../../query/index.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { ApiContext } from '../context.js';
import type { AddressModel } from './models.js';

const podUid = (a: AddressModel): string | null =>
  a.targetRef && (a.targetRef.kind ?? 'Pod') === 'Pod' ? a.targetRef.uid : null;

/**
 * mercurius loader of `EndpointAddress.pod`: all the addresses of one request are resolved together,
 * one `podsByUidAt` lookup per distinct (cluster, moment) — so 1200 addresses cost one query, not 1200.
 */
export function podLoader(api: ApiContext) {
  return async (queries: readonly { obj: AddressModel }[]): Promise<(PodOut | null)[]> => {
    const groups = new Map<string, { cluster: string | null; at: number; uids: Set<string> }>();
    const keyOf = (a: AddressModel) => `${a.cluster ?? ''}\u0000${a.at}`;
    for (const { obj } of queries) {
      const uid = podUid(obj);
      if (uid === null) continue;
      getOrCreate(groups, keyOf(obj), () => ({
        cluster: obj.cluster,
        at: obj.at,
        uids: new Set<string>(),
      })).uids.add(uid);
    }
    const found = new Map<string, Map<string, PodOut>>();
    for (const [k, g] of groups) found.set(k, api.history.podsByUidAt(g.cluster, [...g.uids], g.at));
    return queries.map(({ obj }) => {
      const uid = podUid(obj);
      return uid === null ? null : (found.get(keyOf(obj))?.get(uid) ?? null);
    });
  };
}
