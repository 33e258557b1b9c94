import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  createFoldState,
  joinKey,
  MemoryProjection,
  PROJECTIONS,
  TABLES,
} from '../../src/projections/index.js';
import { History } from '../../src/query/index.js';
import { readRows, SqliteReads, SqliteStore } from '../../src/store/index.js';
import { tempDbPath } from '../helpers/k8s.js';
import { observationsOf, step } from './historyGen.js';

/** Everything valid at T, as comparable strings (projection, scope, key, attrs, valid_from). */
function sqlAt(store: SqliteStore, t: number): string[] {
  return Array.from(readRows(store.db, 'r.valid_from <= ? AND r.valid_to > ?', [t, t]))
    .map((r) => JSON.stringify([r.projection, r.scope, r.key, r.attrs, r.validFrom]))
    .sort();
}

function memoryAt(store: SqliteStore, t: number): string[] {
  const memory = new MemoryProjection();
  const state = createFoldState();
  for (const ev of store.sqlite.reader.all()) memory.apply(applyEvent(state, ev));
  return PROJECTIONS.flatMap((p) =>
    memory.at(p, t).map((r) => {
      const table = TABLES[p];
      const scope = table.scopeOf(r.attrs as never);
      const key = table.keyOf(r.attrs as never);
      // the table's declaration scopes and keys a row as the fold did
      expect(r.key).toBe(joinKey(scope, key));
      return JSON.stringify([p, scope, key, r.attrs, r.validFrom]);
    }),
  ).sort();
}

/** Every projection row, ids left out, in a stable order. */
function dump(store: SqliteStore): string[] {
  return Array.from(readRows(store.db, '1 = 1', []))
    .map((r) =>
      JSON.stringify([r.projection, r.scope, r.key, r.attrs, r.validFrom, r.validTo, r.fromPosition]),
    )
    .sort();
}

/**
 * What users ask about each service of the generated universe at the times `at` (the first is the
 * cutoff): the endpoint set, the service as last seen, and the range questions from the cutoff on.
 */
async function answers(store: SqliteStore, at: readonly number[]): Promise<unknown[]> {
  const history = new History(new SqliteReads(store.db), () => Math.max(...at));
  const ask = async (f: () => Promise<unknown>) => {
    try {
      return await f();
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };
  const asked = ['svc-0', 'svc-1'].flatMap((service) => {
    const range = { namespace: 'default', service, from: at[0]!, to: Math.max(...at) };
    return [
      ...at.map((t) => ask(() => history.endpointsAt({ namespace: 'default', service, at: t }))),
      ...at.map((t) => ask(() => history.service({ namespace: 'default', name: service, at: t }))),
      ask(() => history.outages(range)),
      ask(() => history.endpointsDiff(range)),
      ask(() => history.readyCount(range)),
      ask(() => history.changes(range)),
    ];
  });
  return Promise.all(asked);
}

/** Each service's first-seen times of slices and of Endpoints (its source at T). */
function marks(store: SqliteStore): unknown[] {
  return store.db
    .prepare(
      'SELECT namespace, name, first_slice_at, first_endpoints_at FROM service_keys ORDER BY namespace, name',
    )
    .all();
}

/** Whether the store's last event of the observation's object is not a DELETED (read without side effects). */
function aliveIn(store: SqliteStore, o: { kind: string; uid: string }): boolean {
  const type = store.db
    .prepare(`SELECT e.type FROM events e JOIN objects b ON b.id = e.object_id WHERE b.kind = ? AND b.uid = ?
      ORDER BY e.position DESC LIMIT 1`)
    .pluck()
    .get(o.kind, o.uid);
  return type !== undefined && type !== 'DELETED';
}

const history = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 60 }),
  batch: fc.integer({ min: 1, max: 7 }),
  probes: fc.array(fc.integer({ min: -2, max: 200 }), { minLength: 3, maxLength: 8 }),
  cut: fc.integer({ min: 0, max: 100 }),
});

function record(steps: Parameters<typeof observationsOf>[0], batch: number): SqliteStore {
  const store = SqliteStore.open(tempDbPath());
  const obs = observationsOf(steps);
  for (let i = 0; i < obs.length; i += batch) store.append({ observations: obs.slice(i, i + batch) });
  return store;
}

const start = Date.parse('2026-03-01T00:00:00Z');

describe('projection invariants over random histories', () => {
  it('incremental projection = rebuild from position 0 = pure in-memory fold at any T, and appending after a rebuild = a fresh rebuild', () => {
    fc.assert(
      fc.property(history, ({ steps, batch, probes, cut }) => {
        const obs = observationsOf(steps);
        // the last `cut`% of the history is appended only after the rebuild
        const split = obs.length - Math.floor((obs.length * cut) / 100);
        const store = SqliteStore.open(tempDbPath());
        const append = (from: number, to: number) => {
          for (let i = from; i < to; i += batch)
            store.append({ observations: obs.slice(i, Math.min(i + batch, to)) });
        };
        try {
          append(0, split);
          const incremental = dump(store);
          const at = probes.map((p) => start + p * 1000);
          const before = at.map((t) => sqlAt(store, t));
          for (let i = 0; i < at.length; i++) expect(before[i]).toEqual(memoryAt(store, at[i]!));
          store.rebuild();
          expect(dump(store)).toEqual(incremental);
          // the store keeps working after a rebuild: appending again equals a fresh rebuild
          append(split, obs.length);
          const appended = dump(store);
          store.rebuild();
          expect(appended).toEqual(dump(store));
          for (const t of at) expect(sqlAt(store, t)).toEqual(memoryAt(store, t));
          return true;
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reopening the store resumes the fold where it was (caches reloaded from the database)', () => {
    fc.assert(
      fc.property(history, ({ steps, batch }) => {
        const obs = observationsOf(steps);
        const half = Math.floor(obs.length / 2);
        const path = tempDbPath();
        let store = SqliteStore.open(path);
        for (let i = 0; i < half; i += batch)
          store.append({ observations: obs.slice(i, Math.min(i + batch, half)) });
        store.close();
        store = SqliteStore.open(path);
        for (let i = half; i < obs.length; i += batch)
          store.append({ observations: obs.slice(i, i + batch) });
        const incremental = dump(store);
        store.rebuild();
        expect(dump(store)).toEqual(incremental);
        store.close();
      }),
      { numRuns: 40 },
    );
  });

  it('after a prune, answers for every T at or after the cutoff are unchanged, incrementally and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ steps, batch, probes, cut }) => {
        const store = record(steps, batch);
        try {
          const cutoff = start + cut * 1000;
          const at = [cutoff, ...probes.map((p) => cutoff + Math.abs(p) * 1000)];
          const before = at.map((t) => sqlAt(store, t));
          const asked = await answers(store, at);
          const firstSeen = marks(store);
          store.prune(cutoff);
          expect(at.map((t) => sqlAt(store, t))).toEqual(before);
          expect(await answers(store, at)).toEqual(asked);
          const pruned = dump(store);
          store.rebuild();
          expect(at.map((t) => sqlAt(store, t))).toEqual(before);
          expect(await answers(store, at)).toEqual(asked);
          // the rebuild recreates exactly the rows the prune left, and the source choice of every service
          expect(dump(store)).toEqual(pruned);
          expect(marks(store)).toEqual(firstSeen);
          return true;
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('pruning twice while recording, in either order of cutoffs, changes no answer after the later one, incrementally and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.integer({ min: 0, max: 100 }),
        async ({ steps, batch, probes, cut }, cut2) => {
          const obs = observationsOf(steps);
          const before = obs.slice(0, Math.floor(obs.length / 2));
          const pruned = SqliteStore.open(tempDbPath());
          const reference = SqliteStore.open(tempDbPath());
          const both = (observations: typeof obs) => {
            reference.append({ observations });
            pruned.append({ observations });
          };
          try {
            for (let i = 0; i < before.length; i += batch) both(before.slice(i, i + batch));
            // What a recorder delivers after a prune: never again what came before its cursor (so not
            // what the prune deleted), no DELETED of an object already gone (the prune forgot it), and
            // nothing observed before the cutoff.
            const after = obs.slice(before.length).filter((o) => !before.includes(o));
            const first = pruned.prune(
              Math.min(start + cut * 1000, ...after.map((o) => o.observedAt)),
            ).cutoff;
            for (const o of after) if (o.type !== 'DELETED' || aliveIn(reference, o)) both([o]);
            const cutoff = pruned.prune(start + cut2 * 1000).cutoff;
            // an empty store records no floor for the first prune
            expect(cutoff).toBe(Math.max(start + cut2 * 1000, before.length > 0 ? first : start));
            const at = [cutoff, ...probes.map((p) => cutoff + Math.abs(p) * 1000)];
            const expected = at.map((t) => sqlAt(reference, t));
            const asked = await answers(reference, at);
            expect(at.map((t) => sqlAt(pruned, t))).toEqual(expected);
            expect(await answers(pruned, at)).toEqual(asked);
            const incremental = dump(pruned);
            pruned.rebuild();
            expect(dump(pruned)).toEqual(incremental);
            expect(await answers(pruned, at)).toEqual(asked);
            expect(marks(pruned)).toEqual(marks(reference));
            return true;
          } finally {
            pruned.close();
            reference.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
