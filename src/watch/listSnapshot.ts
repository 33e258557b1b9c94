import { toObservation } from '../model/index.js';
import type { Kind, Observation, Rejection } from '../model/types.js';
import { ApiStatusError } from './errors.js';
import type { KubeHttp } from './kubeHttp.js';
import { splitListPage } from './listPage.js';
import { rawUid } from './rawUid.js';
import { collectionPath } from './resources.js';

export interface ListSnapshotInput {
  http: KubeHttp;
  cluster: string;
  kind: Kind;
  namespace: string | null;
  limit: number;
  idleMs: number;
  signal: AbortSignal;
  now: () => number;
  /** A continue token expired mid-list and the list starts over. */
  onRestart?: () => void;
  /** An item the slimmer refused, with its uid when it has one: left out, but it exists all the same. */
  onReject?: (rejection: Rejection, uid: string | null) => void;
  /**
   * One page, slimmed (as ADDED observations; the diff decides their real type), with the snapshot
   * RV every page shares. After `onRestart` the pages of a NEW snapshot follow.
   */
  onPage: (resourceVersion: string, items: Observation[]) => void;
}

const MAX_RESTARTS = 5;

/**
 * A consistent paginated list: `limit` pages with RV unset (a quorum read, never the possibly stale
 * watch cache), following `continue`. Every page shares the first page's snapshot RV. A 410 on a
 * continue token (compacted snapshot) restarts from the first page; the offered inconsistent token is
 * never used. Items are slimmed and handed over page by page, so neither the raw JSON nor the slim
 * objects of a large cluster are ever held at once. Resolves to the snapshot RV after the last page.
 */
export async function listSnapshot(input: ListSnapshotInput): Promise<string> {
  const path = collectionPath(input.kind, input.namespace);
  // The next page is requested as soon as this one's continue token is known, so the server
  // prepares it while this one is slimmed and stored (one page ahead at most). Aborted on the way
  // out, so a failure while storing leaves no request behind.
  const ahead = new AbortController();
  const onAbort = () => ahead.abort(input.signal.reason);
  input.signal.addEventListener('abort', onAbort, { once: true });
  const fetchPage = (token: string | undefined): Promise<Buffer> => {
    const page = input.http.getBytes(
      path,
      { limit: String(input.limit), continue: token },
      ahead.signal,
      input.idleMs,
    );
    page.catch(() => {}); // awaited below, or abandoned on the way out
    return page;
  };
  try {
    for (let restarts = 0; ; restarts++) {
      let token: string | undefined;
      let resourceVersion: string | undefined;
      try {
        let next = fetchPage(undefined);
        do {
          const page = splitListPage(await next);
          const meta = page.head.metadata ?? {};
          if (typeof meta.resourceVersion !== 'string')
            throw new Error(`${input.kind} list without resourceVersion`);
          resourceVersion ??= meta.resourceVersion;
          token = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
          if (token !== undefined) next = fetchPage(token);
          const observedAt = input.now();
          const listed: Observation[] = [];
          // decoded and parsed one at a time: each raw object is garbage before the next (see splitListPage)
          const items = page.items;
          for (let i = 0; items !== null && i < items.length; i++) {
            const item = JSON.parse(items.text(i)) as unknown;
            const r = toObservation({
              cluster: input.cluster,
              kind: input.kind,
              type: 'ADDED',
              source: 'relist',
              raw: item,
              rawBytes: items.bytes(i),
              observedAt,
              notBefore: null,
            });
            if (r.ok) listed.push(r.observation);
            else input.onReject?.(r, rawUid(item));
          }
          input.onPage(resourceVersion, listed);
        } while (token !== undefined);
        return resourceVersion!;
      } catch (error) {
        const expired = error instanceof ApiStatusError && error.status === 410 && token !== undefined;
        if (!expired || restarts >= MAX_RESTARTS) throw error;
        input.onRestart?.();
      }
    }
  } finally {
    input.signal.removeEventListener('abort', onAbort);
    ahead.abort(new Error('list finished'));
  }
}
