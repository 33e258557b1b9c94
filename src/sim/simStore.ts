import { randomUUID } from 'node:crypto';
import { randomSuffix } from './objects/random.js';
import { rfc3339 } from './objects/time.js';

/** The four kinds the simulated API server serves. */
export const SIM_KINDS = ['Pod', 'Service', 'Endpoints', 'EndpointSlice'] as const;
export type SimKind = (typeof SIM_KINDS)[number];

/** Raw Kubernetes JSON as the API server holds it. */
export type RawObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
  };
};

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One write, as etcd would record it: `rev` is the global revision after the write. */
export interface SimChange {
  rev: number;
  kind: SimKind;
  type: ChangeType;
  /** The object after the write; for DELETED the last body stamped with the deletion revision. */
  object: RawObject;
  /** The object before the write (null for ADDED). */
  old: RawObject | null;
}

export type ChangeListener = (change: SimChange) => void;

export interface SimStoreOptions {
  now?: () => number;
  startRevision?: number;
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

/**
 * etcd in miniature: one global revision counter bumped on every write of any kind, objects keyed by
 * kind and namespace/name, and an ordered change log that list/watch serve from. Listeners (the
 * controllers, the watch hub) run synchronously after each write, so a controller's derived writes get
 * later revisions, as they would in a real cluster.
 */
export class SimStore {
  revision: number;
  readonly log: SimChange[] = [];
  private readonly objects = new Map<SimKind, Map<string, RawObject>>();
  private readonly listeners: ChangeListener[] = [];
  private readonly now: () => number;

  constructor(options: SimStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.revision = options.startRevision ?? 1;
    for (const kind of SIM_KINDS) this.objects.set(kind, new Map());
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  get(kind: SimKind, namespace: string, name: string): RawObject | undefined {
    return this.objects.get(kind)!.get(key(namespace, name));
  }

  /** Current objects of a kind, sorted by namespace/name as etcd keys sort. */
  list(kind: SimKind, namespace?: string): RawObject[] {
    const all = [...this.objects.get(kind)!.entries()]
      .filter(([, o]) => namespace === undefined || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return all.map(([, o]) => o);
  }

  /**
   * Creates or replaces an object. Fills uid and creationTimestamp on create, bumps `generation` for
   * EndpointSlices, stamps resourceVersion with the new revision. Returns the stored object.
   */
  put(kind: SimKind, input: Record<string, unknown>): RawObject {
    const meta = { ...(input.metadata as Record<string, unknown>) };
    const namespace = String(meta.namespace ?? 'default');
    let name = meta.name as string | undefined;
    if (!name && typeof meta.generateName === 'string') name = meta.generateName + randomSuffix(Math.random);
    if (!name) throw new Error(`SimStore.put(${kind}): metadata.name or generateName required`);
    const map = this.objects.get(kind)!;
    const old = map.get(key(namespace, name)) ?? null;
    this.revision += 1;
    const rev = this.revision;
    const metadata: RawObject['metadata'] = {
      ...meta,
      name,
      namespace,
      uid: (old?.metadata.uid as string | undefined) ?? (meta.uid as string | undefined) ?? randomUUID(),
      resourceVersion: String(rev),
      creationTimestamp: old?.metadata.creationTimestamp ?? meta.creationTimestamp ?? rfc3339(this.now()),
    };
    if (kind === 'EndpointSlice')
      metadata.generation = ((old?.metadata.generation as number | undefined) ?? 0) + 1;
    const object = { ...input, metadata } as RawObject;
    map.set(key(namespace, name), object);
    this.emit({ rev, kind, type: old ? 'MODIFIED' : 'ADDED', object, old });
    return object;
  }

  /**
   * A write to a resource outside the four kinds (a node's Lease renewal, an Event): the global
   * revision moves, nothing served here changes, and no listener hears of it.
   */
  touchOther(): number {
    this.revision += 1;
    return this.revision;
  }

  /** Deletes an object; the DELETED change carries the last body with the deletion revision. */
  remove(kind: SimKind, namespace: string, name: string): RawObject | null {
    const map = this.objects.get(kind)!;
    const old = map.get(key(namespace, name));
    if (!old) return null;
    map.delete(key(namespace, name));
    this.revision += 1;
    const rev = this.revision;
    const object = { ...old, metadata: { ...old.metadata, resourceVersion: String(rev) } } as RawObject;
    this.emit({ rev, kind, type: 'DELETED', object, old });
    return object;
  }

  /** Replaces every object and the revision (an etcd restore); emits nothing, keeps no log. */
  resetTo(revision: number, objects: { kind: SimKind; object: RawObject }[]): void {
    this.revision = revision;
    this.log.length = 0;
    for (const map of this.objects.values()) map.clear();
    for (const { kind, object } of objects)
      this.objects.get(kind)!.set(key(object.metadata.namespace, object.metadata.name), object);
  }

  private emit(change: SimChange): void {
    this.log.push(change);
    for (const listener of [...this.listeners]) listener(change);
  }
}
