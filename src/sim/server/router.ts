import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildTable, tableRequestFrom } from '../../kube/printers/index.js';
import { discoveryDocument } from './discovery.js';
import { handleList } from './listHandler.js';
import { derivedNamespaces } from './namespaces.js';
import { buildObjectFilter } from './objectFilter.js';
import { type ListOptions, parseListOptions } from './queryOptions.js';
import { ENDPOINTS_DEPRECATION_WARNING, sendJson, sendStatus, withKind } from './respond.js';
import { parseRoute, type Route } from './route.js';
import {
  badRequest,
  forbidden,
  invalidListOptions,
  methodNotAllowed,
  notFound,
  unauthorized,
} from './statusObjects.js';
import type { RequestLogEntry, ServerContext } from './types.js';
import { validateListOptions } from './validateListOptions.js';
import { handleWatch } from './watchHandler.js';

/** Records the request, then answers it; never throws (internal errors become a 500 Status). */
export function handleRequest(
  ctx: ServerContext,
  log: RequestLogEntry[],
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const url = new URL(req.url ?? '/', 'http://sim.local');
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams.entries()),
    headers: { ...req.headers },
    status: 0,
    at: ctx.now(),
  };
  log.push(entry);
  route(ctx, req, res, url)
    .catch((err: unknown) => {
      if (!res.headersSent)
        sendStatus(res, { ...badRequest(String(err)), code: 500, reason: 'InternalError' });
      else res.destroy();
    })
    .finally(() => {
      entry.status = res.headersSent ? res.statusCode : 0;
    });
}

/** The RBAC verb of a resource request; `o.watch` already covers legacy `/watch/` paths. */
function verbOf(route: Route, o: ListOptions): string {
  return o.watch ? 'watch' : route.type === 'object' ? 'get' : 'list';
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (ctx.token !== undefined && req.headers.authorization !== `Bearer ${ctx.token}`) {
    sendStatus(res, unauthorized());
    return;
  }
  const r = parseRoute(url.pathname);
  const isResourceRoute = r.type === 'collection' || r.type === 'object';
  const injected = ctx.faults.takeHttpError(url.pathname, isResourceRoute);
  if (injected) {
    const headers: Record<string, string> = {};
    if (injected.retryAfterSeconds !== undefined) headers['Retry-After'] = String(injected.retryAfterSeconds);
    sendJson(res, injected.status, injected.body, headers);
    return;
  }
  if (req.method !== 'GET') {
    sendStatus(res, methodNotAllowed());
    return;
  }
  const doc = discoveryDocument(url.pathname, ctx.serverAddress());
  if (doc) {
    sendJson(res, 200, doc);
    return;
  }
  const table = tableRequestFrom(req.headers.accept, url.searchParams.get('includeObject') ?? undefined);
  switch (r.type) {
    case 'namespaces': {
      const items = derivedNamespaces(ctx.store);
      const metadata = { resourceVersion: String(ctx.store.revision) };
      const t = table && buildTable('Namespace', 'v1', items, metadata, table, ctx.now());
      sendJson(res, 200, t ?? { kind: 'NamespaceList', apiVersion: 'v1', metadata, items });
      return;
    }
    case 'namespace': {
      const ns = derivedNamespaces(ctx.store).find((n) => (n.metadata as { name: string }).name === r.name);
      if (ns) sendJson(res, 200, withKind(ns, 'Namespace', 'v1'));
      else sendStatus(res, notFound('namespaces', r.name));
      return;
    }
    case 'events':
      sendJson(res, 200, {
        kind: 'EventList',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(ctx.store.revision) },
        items: [],
      });
      return;
    case 'other':
      sendStatus(res, notFound('', ''));
      return;
  }
  const o = parseListOptions(url.searchParams);
  if (r.legacyWatch) o.watch = true;
  const { resource } = r;
  if (ctx.faults.isForbidden(resource.plural)) {
    sendStatus(res, forbidden(resource.plural, resource.group, verbOf(r, o), r.namespace));
    return;
  }
  const headers: Record<string, string> = {};
  if (resource.kind === 'Endpoints' && ctx.settings.deprecationWarning)
    headers.Warning = ENDPOINTS_DEPRECATION_WARNING;
  if (r.type === 'object' && !o.watch) {
    const obj = ctx.store.get(resource.kind, r.namespace, r.name);
    if (!obj) {
      sendStatus(res, notFound(resource.plural, r.name, resource.group), headers);
      return;
    }
    const meta = { resourceVersion: obj.metadata.resourceVersion };
    const t = table && buildTable(resource.kind, resource.apiVersion, [obj], meta, table, ctx.now());
    sendJson(res, 200, t ?? withKind(obj, resource.kind, resource.apiVersion), headers);
    return;
  }
  const errors = validateListOptions(o, ctx.settings.watchList);
  if (errors.length > 0) {
    sendStatus(res, invalidListOptions(errors), headers);
    return;
  }
  let fieldSelector = o.fieldSelector;
  if (r.type === 'object')
    fieldSelector = [fieldSelector, `metadata.name=${r.name}`].filter((s) => s !== '').join(',');
  const filter = buildObjectFilter(resource.kind, r.namespace, o.labelSelector, fieldSelector);
  if (!filter.ok) {
    sendStatus(res, badRequest(filter.error), headers);
    return;
  }
  if (o.watch) await handleWatch(ctx, res, resource, filter.value, o, table, headers);
  else await handleList(ctx, res, resource, filter.value, o, table, headers);
}
