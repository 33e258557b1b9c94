import { isEphError } from '../../errors/index.js';
import { KINDS, type Kind, type SlimObject } from '../../model/types.js';
import { type CoverageIntervalOut, endpointsViews, type History } from '../../query/index.js';
import type { ClusterRow, ObjectPageKey as PageKey, StoredEvent } from '../../store/index.js';
import { type KubeJson, kubeNamespace, kubeObject } from './kubeObjects.js';

/** A cluster of the history, as the kube API's reads name it. */
export type ClusterRef = ClusterRow;

export type { PageKey };

/** Objects of one resource at a moment, and whether that moment was recorded for what they depend on. */
export interface ObjectsAt {
  /** Served form (no kind/apiVersion), sorted by namespace then name. */
  items: KubeJson[];
  complete: boolean;
  gaps: CoverageIntervalOut[];
}

/** One page of a list: its items, and where the next page starts (null: this was the last one). */
export interface ListPage extends ObjectsAt {
  next: PageKey | null;
}

const PAGE = 500;

/** The order of lists: (namespace, name, uid), as the objects' name index keeps them. */
export const pageKeyOf = (o: KubeJson): PageKey => ({
  namespace: String(o.metadata.namespace ?? ''),
  name: String(o.metadata.name ?? ''),
  uid: String(o.metadata.uid ?? ''),
});

const after = (k: PageKey, start: PageKey): boolean =>
  k.namespace !== start.namespace
    ? k.namespace > start.namespace
    : k.name !== start.name
      ? k.name > start.name
      : k.uid > start.uid;

/** The kind of resource the kube API reads: a recorded kind, or the namespaces derived from them. */
export type ServedKind = Kind | 'Namespace';

/** The recorded kinds a served kind's answer (and its replay) depends on. */
export function kindsOf(kind: ServedKind): readonly Kind[] {
  if (kind === 'Namespace') return KINDS;
  // v1 Endpoints are rebuilt as `get endpoints` rebuilds them: from the Service and its slices or Endpoints
  if (kind === 'Endpoints') return ['Service', 'EndpointSlice', 'Endpoints'];
  return [kind];
}

/**
 * Every read the kube API makes of the history, in one place: objects of a kind at T, the changes
 * after a log position, and what coverage says about them. v1 Endpoints are the CLI's: what
 * `endpoints-history get endpoints --at T` prints (rebuilt from EndpointSlices when the service has
 * slice history, else the recorded v1 Endpoints), so that kubectl and the CLI agree.
 */
export class KubeReads {
  constructor(readonly history: History) {}

  cluster(name: string): Promise<ClusterRef> {
    return this.history.cluster(name);
  }

  async objectsAt(
    cluster: ClusterRef,
    kind: ServedKind,
    at: number,
    filter: { namespace: string | null; name: string | null },
  ): Promise<ObjectsAt> {
    if (kind === 'Endpoints') return this.endpointsAt(cluster, at, filter);
    const known = await this.history.coverageAt({ cluster: cluster.name, kinds: kindsOf(kind), at });
    if (kind === 'Namespace') {
      const names = new Set<string>();
      for (const k of KINDS)
        for (const o of await this.history.objectsAt({ cluster: cluster.name, kind: k, at }))
          names.add(o.namespace);
      const items = [...names]
        .filter((n) => filter.name === null || n === filter.name)
        .sort()
        .map(kubeNamespace);
      return { items, ...known };
    }
    const items = (await this.history.objectsAt({ cluster: cluster.name, kind, at, ...filter })).map((o) =>
      kubeObject(o.object),
    );
    return { items, ...known };
  }

  /**
   * One page of a list at `at`: the objects that `matches` selects, after `after`, at most `limit`
   * (all without one). Recorded kinds are read page by page in the name index's order, so a page costs
   * about its size; v1 Endpoints and namespaces, derived from several kinds, are built whole.
   */
  async listAt(
    cluster: ClusterRef,
    kind: ServedKind,
    at: number,
    o: { namespace: string | null; after: PageKey | null; limit?: number; matches: (x: KubeJson) => boolean },
  ): Promise<ListPage> {
    const want = o.limit ?? Number.POSITIVE_INFINITY;
    if (kind === 'Endpoints' || kind === 'Namespace') {
      const all = await this.objectsAt(cluster, kind, at, { namespace: o.namespace, name: null });
      const selected = all.items.filter(
        (x) => (o.after === null || after(pageKeyOf(x), o.after)) && o.matches(x),
      );
      const items = selected.slice(0, want);
      const next = selected.length > want ? pageKeyOf(items[items.length - 1]!) : null;
      return { items, complete: all.complete, gaps: all.gaps, next };
    }
    const known = await this.history.coverageAt({ cluster: cluster.name, kinds: kindsOf(kind), at });
    const items: KubeJson[] = [];
    let start = o.after;
    for (;;) {
      const page = await this.history.objectsPage({
        cluster: cluster.name,
        kind,
        at,
        namespace: o.namespace,
        after: start,
        limit: PAGE,
      });
      for (const row of page) {
        start = { namespace: row.namespace, name: row.name, uid: row.uid };
        const x = kubeObject(row.object);
        if (!o.matches(x)) continue;
        if (items.length === want) return { items, ...known, next: pageKeyOf(items[items.length - 1]!) };
        items.push(x);
      }
      if (page.length < PAGE) return { items, ...known, next: null };
    }
  }

  private async endpointsAt(
    cluster: ClusterRef,
    at: number,
    filter: { namespace: string | null; name: string | null },
  ): Promise<ObjectsAt> {
    const { views, unknown } = await endpointsViews(this.history, {
      cluster: cluster.name,
      namespace: filter.namespace,
      name: filter.name,
      at,
      source: 'auto',
    });
    const sets = [...views.map((v) => v.set), ...unknown];
    return {
      items: views.map((v) => {
        const { apiVersion: _a, kind: _k, ...rest } = v.object;
        return rest as KubeJson;
      }),
      complete: sets.every((s) => s.complete),
      gaps: sets.flatMap((s) => s.gaps),
    };
  }

  /**
   * The v1 Endpoints of one service at `at` as `get endpoints` rebuilds them; null when it had none,
   * 'unknown' when that is not known (no object, and `at` unrecorded for a kind it depends on).
   */
  async endpointsOf(
    cluster: ClusterRef,
    namespace: string,
    name: string,
    at: number,
  ): Promise<KubeJson | null | 'unknown'> {
    try {
      const answer = await this.endpointsAt(cluster, at, { namespace, name });
      if (answer.items[0]) return answer.items[0];
      return answer.complete ? null : 'unknown';
    } catch (error) {
      if (isEphError(error) && error.code === 'EPH_ERR_UNKNOWN_SERVICE') return null;
      throw error;
    }
  }

  /** Whether `at` was covered for every kind the served kind depends on, and the gaps if not. */
  coverageAt(cluster: ClusterRef, kind: ServedKind, at: number) {
    return this.history.coverageAt({ cluster: cluster.name, kinds: kindsOf(kind), at });
  }

  /** The recorded intervals and gaps of the kinds `kind` depends on that overlap [from, to], clipped to it. */
  coverageBetween(
    cluster: ClusterRef,
    kind: ServedKind,
    from: number,
    to: number,
  ): Promise<CoverageIntervalOut[]> {
    return this.history.coverage({ cluster: cluster.name, from, to, kinds: kindsOf(kind) });
  }

  /** The log position a replay of `kind` after `at` starts after (0: nothing recorded by then). */
  headAt(cluster: ClusterRef, kind: ServedKind, at: number): Promise<number> {
    return this.history.kindsHeadAt({ cluster: cluster.name, kinds: kindsOf(kind), at });
  }

  changesAfter(
    cluster: ClusterRef,
    kind: ServedKind,
    afterPosition: number,
    limit: number,
  ): Promise<StoredEvent[]> {
    return this.history.kindChangesAfter({
      cluster: cluster.name,
      kinds: kindsOf(kind),
      afterPosition,
      limit,
    });
  }

  objectBefore(cluster: ClusterRef, kind: Kind, uid: string, position: number): Promise<SlimObject | null> {
    return this.history.objectBefore({ cluster: cluster.name, kind, uid, position });
  }

  /** The newest log position of any kind and cluster. */
  logHead(): Promise<number> {
    return this.history.eventLogHead();
  }

  observedAt(position: number): Promise<number | null> {
    return this.history.observedAtPosition(position);
  }

  /** Whether changes of `kind` may still come (the recorder holds a live view of a kind it depends on). */
  stillRecording(cluster: ClusterRef, kind: ServedKind): Promise<boolean> {
    return this.history.stillRecording({ cluster: cluster.name, kinds: kindsOf(kind) });
  }
}
