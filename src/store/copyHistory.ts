import type { Kind, Observation } from '../model/types.js';
import type { Store } from './Store.js';
import { EventReader } from './sqlite/eventReader.js';
import { openReadOnly } from './sqlite/openReadOnly.js';
import type { CoverageOp } from './types.js';

export interface CopyProgress {
  copied: number;
  skipped: number;
  total: number;
}

export interface CopyResult extends CopyProgress {
  clusters: string[];
  coverageIntervals: number;
  elapsedMs: number;
}

/**
 * Moves a SQLite history into another store (a PostgreSQL fleet store): every event, replayed in
 * log order through the store's write path (so the projections are built by the same fold), and
 * every coverage interval. Idempotent: events the target already holds (same cluster, kind, uid and
 * resourceVersion) and coverage intervals it already has (same cluster, kind and start) are
 * skipped, so a copy stopped halfway is finished by running it again. `alreadyStored` names what
 * the target holds; `batch` events go in each transaction.
 */
export async function copyHistory(
  fromPath: string,
  to: Store,
  alreadyStored: (cluster: string) => Promise<{ events: ReadonlySet<string>; coverage: ReadonlySet<string> }>,
  options: { batch?: number; onProgress?: (p: CopyProgress) => void } = {},
): Promise<CopyResult> {
  const started = Date.now();
  const batchSize = options.batch ?? 1_000;
  const db = openReadOnly(fromPath);
  try {
    const total = (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) ?? 0;
    const clusters = db.prepare('SELECT id, name FROM clusters ORDER BY id').all() as {
      id: number;
      name: string;
    }[];
    const stored = new Map<string, { events: ReadonlySet<string>; coverage: ReadonlySet<string> }>();
    for (const c of clusters) stored.set(c.name, await alreadyStored(c.name));
    let copied = 0;
    let skipped = 0;
    let batch: Observation[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const r = await to.append({ observations: batch });
      copied += r.appended;
      skipped += batch.length - r.appended;
      batch = [];
      options.onProgress?.({ copied, skipped, total });
    };
    for (const e of new EventReader(db).all()) {
      if (stored.get(e.cluster)?.events.has(eventKey(e.kind, e.uid, e.resourceVersion))) {
        skipped++;
        continue;
      }
      batch.push({
        cluster: e.cluster,
        kind: e.kind,
        type: e.type,
        source: e.source,
        uid: e.uid,
        namespace: e.namespace,
        name: e.name,
        resourceVersion: e.resourceVersion,
        observedAt: e.observedAt,
        notBefore: e.notBefore,
        occurredAt: e.occurredAt,
        object: e.object,
        hash: e.hash,
      } as Observation);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    let coverageIntervals = 0;
    const rows = db
      .prepare(`SELECT c.name AS cluster, v.kind, v.started_at AS startedAt, v.ended_at AS endedAt,
        v.start_reason AS startReason, v.end_reason AS endReason
        FROM coverage v JOIN clusters c ON c.id = v.cluster_id ORDER BY v.started_at, v.id`)
      .all() as {
      cluster: string;
      kind: Kind;
      startedAt: number;
      endedAt: number | null;
      startReason: string;
      endReason: string | null;
    }[];
    for (const r of rows) {
      if (stored.get(r.cluster)?.coverage.has(coverageKey(r.kind, r.startedAt))) continue;
      const ops: CoverageOp[] = [
        { op: 'open', cluster: r.cluster, kind: r.kind, at: r.startedAt, reason: r.startReason },
      ];
      if (r.endedAt !== null)
        ops.push({
          op: 'close',
          cluster: r.cluster,
          kind: r.kind,
          at: r.endedAt,
          reason: r.endReason ?? 'copied',
        });
      for (const op of ops) await to.append({ observations: [], coverage: [op] });
      coverageIntervals++;
    }
    return {
      copied,
      skipped,
      total,
      clusters: clusters.map((c) => c.name),
      coverageIntervals,
      elapsedMs: Date.now() - started,
    };
  } finally {
    db.close();
  }
}

/** How copyHistory and the target's `alreadyStored` name an event and a coverage interval. */
export const eventKey = (kind: string, uid: string, resourceVersion: string): string =>
  `${kind}\u0000${uid}\u0000${resourceVersion}`;
export const coverageKey = (kind: string, startedAt: number): string => `${kind}\u0000${startedAt}`;
