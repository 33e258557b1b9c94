import type { ServerResponse } from 'node:http';
import { buildTable, type TableRequest } from '../../kube/printers/index.js';
import { decodeContinue, encodeContinue } from './continueToken.js';
import type { ObjectFilter } from './objectFilter.js';
import type { ListOptions } from './queryOptions.js';
import type { SimResource } from './resources.js';
import { sendJson, sendStatus, withoutKind } from './respond.js';
import {
  badRequest,
  expiredContinue,
  expiredListResourceVersion,
  type Status,
  tooLargeResourceVersion,
} from './statusObjects.js';
import type { ServerContext } from './types.js';
import { waitForRevision } from './waitForRevision.js';

const keyOf = (o: { metadata: { namespace: string; name: string } }) =>
  `${o.metadata.namespace}/${o.metadata.name}`;

type Snapshot = { rev: number; start?: string } | { error: Status };

/**
 * Picks the snapshot revision per the api-concepts table: unset/"0" → head; N with limit or
 * resourceVersionMatch=Exact → exactly N (410 below the compaction floor); N otherwise → not older than N
 * (served at head); N ahead of head → wait up to listBlockTimeoutMs, then 504; continue → the token's
 * revision (410 with an inconsistent token when compacted).
 */
async function pickSnapshot(ctx: ServerContext, o: ListOptions): Promise<Snapshot> {
  const { store, history } = ctx;
  if (o.continueToken !== undefined) {
    if (o.resourceVersion !== undefined && o.resourceVersion !== '0') {
      return { error: badRequest('specifying resource version is not allowed when using continue') };
    }
    const pos = decodeContinue(o.continueToken);
    if (!pos) return { error: badRequest(`continue key is not valid: ${o.continueToken}`) };
    if (pos.rv < history.compactRevision || pos.rv > store.revision) {
      return { error: expiredContinue(encodeContinue({ rv: store.revision, start: pos.start })) };
    }
    return { rev: pos.rv, start: pos.start };
  }
  if (o.resourceVersion === undefined || o.resourceVersion === '0') return { rev: store.revision };
  if (!/^\d+$/.test(o.resourceVersion)) {
    return {
      error: badRequest(`resourceVersion: Invalid value: "${o.resourceVersion}": must be an integer`),
    };
  }
  const n = Number(o.resourceVersion);
  if (n > store.revision && !(await waitForRevision(store, n, ctx.listBlockTimeoutMs))) {
    return { error: tooLargeResourceVersion(n, store.revision) };
  }
  const exact =
    o.resourceVersionMatch === 'Exact' ||
    (o.limit !== undefined && o.resourceVersionMatch !== 'NotOlderThan');
  if (!exact) return { rev: store.revision };
  if (n < history.compactRevision) return { error: expiredListResourceVersion() };
  return { rev: n };
}

/** Serves a LIST (collection GET without watch), as JSON `<Kind>List` or a meta.k8s.io Table. */
export async function handleList(
  ctx: ServerContext,
  res: ServerResponse,
  resource: SimResource,
  filter: ObjectFilter,
  o: ListOptions,
  table: TableRequest | null,
  headers: Record<string, string>,
): Promise<void> {
  const snap = await pickSnapshot(ctx, o);
  if ('error' in snap) {
    sendStatus(res, snap.error, headers);
    return;
  }
  let all = ctx.history.objectsAt(resource.kind, snap.rev);
  if (snap.start !== undefined) {
    // the snapshot is sorted by namespace/name: binary search for the first key after the token's
    const start = snap.start;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(all[mid]!) > start) hi = mid;
      else lo = mid + 1;
    }
    all = all.slice(lo);
  }
  let items = all.filter(filter.matches);
  const metadata: Record<string, unknown> = { resourceVersion: String(snap.rev) };
  if (o.limit !== undefined && items.length > o.limit) {
    const page = items.slice(0, o.limit);
    metadata.continue = encodeContinue({ rv: snap.rev, start: keyOf(page[page.length - 1]!) });
    if (!filter.hasSelectors) metadata.remainingItemCount = items.length - o.limit;
    items = page;
  }
  if (table) {
    const t = buildTable(resource.kind, resource.apiVersion, items, metadata, table, ctx.now());
    if (t) {
      sendJson(res, 200, t, headers);
      return;
    }
  }
  sendJson(
    res,
    200,
    { kind: resource.listKind, apiVersion: resource.apiVersion, metadata, items: items.map(withoutKind) },
    headers,
  );
}
