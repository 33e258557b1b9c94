import { ephError } from '../../errors/index.js';
import type { TableRequest } from '../../kube/index.js';
import { matchesFields, matchesLabels, parseLabelSelector } from '../../kube/index.js';
import type { KubeListOptions } from '../../kube/kubeListOptions.js';
import type { KubeResource } from '../../kube/kubeResources.js';
import { kubeStatus } from '../../kube/kubeStatus.js';
import { decodeListContinue, encodeListContinue } from '../../kube/listContinueToken.js';
import { warningHeaderValue } from '../../kube/warningHeader.js';
import { formatTime } from '../../util/time.js';
import { FUTURE, gapText } from './gapText.js';
import type { ClusterRef, KubeReads, ObjectsAt, PageKey } from './KubeReads.js';
import type { KubeJson } from './kubeObjects.js';
import { recordedFieldSelector } from './recordedFieldSelector.js';
import { servedTable } from './servedTable.js';

/** One answer of the kube API: status, JSON body, extra headers (a Warning naming gaps). */
export interface KubeAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What every read of one request shares: the history, the cluster and moment of its path, its options. */
export interface ReadScope {
  reads: KubeReads;
  cluster: ClusterRef;
  /** The moment asked, resolved (a live path resolves to the request's time). */
  at: number;
  live: boolean;
  /** The present (the app's clock) when the request came: a fixed moment after it is not recorded yet. */
  now: number;
  options: KubeListOptions;
  table: TableRequest | null;
}

const withKind = (o: KubeJson, r: KubeResource): KubeJson => ({
  kind: r.kind,
  apiVersion: r.apiVersion,
  ...o,
});
const qualified = (r: KubeResource): string => (r.group ? `${r.plural}.${r.group}` : r.plural);

/** What an answer is about, for messages: `pods "x" in namespace default`, `pods in all namespaces`. */
function scopeText(r: KubeResource, namespace: string | undefined, name: string | null): string {
  const where = !r.namespaced
    ? ''
    : namespace === undefined
      ? ' in all namespaces'
      : ` in namespace ${namespace}`;
  return name === null ? `${qualified(r)}${where}` : `${qualified(r)} "${name}"${where}`;
}

/**
 * The Warning of an answer that may not be the truth of T (kubectl prints it on stderr, stdout stays
 * kubectl's): T in a recording gap of a kind the answer depends on. The query's coverage decides: a
 * moment after now is such a gap (`future`: a live recording covers up to now, not beyond), said in
 * words of its own.
 */
function gapWarning(s: ReadScope, what: string, at: number, answer: ObjectsAt): Record<string, string> {
  if (answer.complete) return {};
  const future = answer.gaps.some((g) => g.reason === FUTURE);
  const past = answer.gaps.filter((g) => g.reason !== FUTURE);
  const reasons: string[] = [];
  if (future) reasons.push(`it is after now (${formatTime(s.now)}), nothing is recorded yet`);
  if (past.length > 0 || !future) reasons.push(`not recorded (${gapText(past)})`);
  return {
    Warning: warningHeaderValue(
      `endpoints-history: ${what} at ${formatTime(at)} may be missing or out of date: ${reasons.join('; ')}; shown as last recorded`,
    ),
  };
}

/** Nothing known at all: EPH_ERR_NOT_RECORDED, a 404 Status that says unknown, not absent. */
function notRecorded(what: string, at: number, answer: ObjectsAt): Error {
  return ephError(
    'EPH_ERR_NOT_RECORDED',
    `not recorded: ${what} at ${formatTime(at)} is unknown (recording gap ${gapText(answer.gaps)})`,
  );
}

function selectors(s: ReadScope, r: KubeResource): (o: KubeJson) => boolean {
  const labels = parseLabelSelector(s.options.labelSelector);
  if (!labels.ok) throw ephError('EPH_ERR_BAD_ARGUMENT', `labelSelector: ${labels.error}`);
  const fields = recordedFieldSelector(s.options.fieldSelector, r.kind);
  if (!fields.ok) throw ephError('EPH_ERR_BAD_ARGUMENT', fields.error);
  return (o) =>
    matchesLabels(labels.value, o.metadata.labels as Record<string, unknown> | undefined) &&
    matchesFields(fields.value, o);
}

/** The selection of a list or watch: namespace scope plus label and field selectors. */
export function selectionOf(s: ReadScope, r: KubeResource, namespace: string | undefined) {
  const matches = selectors(s, r);
  return (o: KubeJson) => (namespace === undefined || o.metadata.namespace === namespace) && matches(o);
}

/** Where a page of a paged list starts, and the moment and resourceVersion of its first page. */
interface PageStart {
  at: number;
  after: PageKey | null;
  resourceVersion: string | null;
}

function pageStart(s: ReadScope): PageStart {
  const token = s.options.continueToken;
  if (token === undefined) return { at: s.at, after: null, resourceVersion: null };
  if (s.options.resourceVersion !== undefined && s.options.resourceVersion !== '0')
    throw ephError('EPH_ERR_BAD_ARGUMENT', 'specifying resource version is not allowed when using continue');
  const pos = decodeListContinue(token);
  const key = pos === null ? null : parseKey(pos.start);
  if (pos === null || key === null || (!s.live && pos.at !== s.at))
    throw ephError(
      'EPH_ERR_BAD_CURSOR',
      'continue key is not valid: it was not made by this server for this moment',
    );
  return { at: pos.at, after: key, resourceVersion: pos.resourceVersion };
}

function parseKey(text: string): PageKey | null {
  try {
    const k = JSON.parse(text) as unknown;
    if (Array.isArray(k) && k.length === 3) {
      const [namespace, name, uid] = k as unknown[];
      if (typeof namespace === 'string' && typeof name === 'string' && typeof uid === 'string')
        return { namespace, name, uid };
    }
  } catch {
    // not a key of ours
  }
  return null;
}

/**
 * A LIST at T: `<Kind>List` (items without kind/apiVersion, as the API server serves built-in lists)
 * or a Table, selected by namespace, labels and fields, paged by `limit`/`continue` (every page keeps
 * its first page's moment and resourceVersion). The list's resourceVersion is a log position from
 * which a watch replays what came after T. An incomplete answer carries a Warning; one with nothing
 * to show while T was not recorded is a 404 NotRecorded.
 */
export async function serveList(
  s: ReadScope,
  r: KubeResource,
  namespace: string | undefined,
): Promise<KubeAnswer> {
  const matches = selectionOf(s, r, namespace);
  const start = pageStart(s);
  const page = await s.reads.listAt(s.cluster, r.kind, start.at, {
    namespace: namespace ?? null,
    after: start.after,
    ...(s.options.limit !== undefined ? { limit: s.options.limit } : {}),
    matches,
  });
  const what = scopeText(r, namespace, null);
  if (!page.complete && page.items.length === 0 && start.after === null)
    throw notRecorded(what, start.at, page);
  const resourceVersion = start.resourceVersion ?? String(await s.reads.headAt(s.cluster, r.kind, start.at));
  const metadata: Record<string, unknown> = { resourceVersion };
  if (page.next !== null) {
    const k = page.next;
    metadata.continue = encodeListContinue({
      at: start.at,
      resourceVersion,
      start: JSON.stringify([k.namespace, k.name, k.uid]),
    });
  }
  const body = s.table
    ? servedTable(r, page.items, metadata, s.table, start.at)
    : { kind: r.listKind, apiVersion: r.apiVersion, metadata, items: page.items };
  return { status: 200, body, headers: gapWarning(s, what, start.at, page) };
}

/** A GET of one object at T (the object with kind/apiVersion, or a one-row Table); 404 when absent or unknown. */
export async function serveGet(
  s: ReadScope,
  r: KubeResource,
  namespace: string | undefined,
  name: string,
): Promise<KubeAnswer> {
  const answer = await s.reads.objectsAt(s.cluster, r.kind, s.at, { namespace: namespace ?? null, name });
  const what = scopeText(r, namespace, name);
  const object = answer.items.find((o) => o.metadata.name === name);
  if (object === undefined) {
    if (!answer.complete) throw notRecorded(what, s.at, answer);
    return {
      status: 404,
      body: kubeStatus(404, 'NotFound', `${qualified(r)} "${name}" not found at ${formatTime(s.at)}`, {
        name,
        group: r.group,
        kind: r.plural,
      }),
      headers: {},
    };
  }
  const body = s.table
    ? servedTable(
        r,
        [object],
        { resourceVersion: String(object.metadata.resourceVersion ?? '') },
        s.table,
        s.at,
      )
    : withKind(object, r);
  return { status: 200, body, headers: gapWarning(s, what, s.at, answer) };
}

/**
 * Events, which `kubectl describe` lists under every object: they are not recorded, so the list is
 * empty (describe then prints `Events: <none>`, as for an object without events).
 */
export function serveEvents(): KubeAnswer {
  return {
    status: 200,
    body: { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '0' }, items: [] },
    headers: {},
  };
}
