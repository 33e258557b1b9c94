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
import type { History } from '../../src/query/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  historyOf,
  newTestLocation,
  storedEvents,
  storedMarks,
  storedRows,
  TEST_BACKEND,
} from '../helpers/backend.js';
import { observationsOf, step } from './historyGen.js';

/** Everything valid at T, as comparable strings (projection, scope, key, attrs, valid_from). */
async function sqlAt(store: Store, t: number): Promise<string[]> {
  return (await storedRows(store, t))
    .map((r) => JSON.stringify([r.projection, r.scope, r.key, r.attrs, r.validFrom]))
    .sort();
}

async function memoryAt(store: Store, t: number): Promise<string[]> {
  const memory = new MemoryProjection();
  const state = createFoldState();
  for (const ev of await storedEvents(store)) memory.apply(applyEvent(state, ev));
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
async function dump(store: Store): Promise<string[]> {
  return (await storedRows(store))
    .map((r) =>
      JSON.stringify([r.projection, r.scope, r.key, r.attrs, r.validFrom, r.validTo, r.fromPosition]),
    )
    .sort();
}

/**
 * What users ask about each service of the generated universe at the times `at` (the first is the
 * cutoff): the endpoint set, the service as last seen, and the range questions from the cutoff on.
 */
async function answers(store: Store, path: string, at: readonly number[]): Promise<unknown[]> {
  const history: History = await historyOf(store, path, Math.max(...at));
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
  try {
    return await Promise.all(asked);
  } finally {
    // SQLite's reads share the writer's connection (the store closes it); PostgreSQL's have their own
    if (TEST_BACKEND === 'postgres') history.close();
  }
}

/** Each service's first-seen times of slices and of Endpoints (its source at T). */
const marks = (store: Store): Promise<unknown[]> => storedMarks(store);

/** Whether the store's last event of the observation's object is not a DELETED (read without side effects). */
async function aliveIn(store: Store, o: { kind: string; uid: string }): Promise<boolean> {
  const last = (await storedEvents(store)).filter((e) => e.kind === o.kind && e.uid === o.uid).at(-1);
  return last !== undefined && last.type !== 'DELETED';
}

const history = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 60 }),
  batch: fc.integer({ min: 1, max: 7 }),
  probes: fc.array(fc.integer({ min: -2, max: 200 }), { minLength: 3, maxLength: 8 }),
  cut: fc.integer({ min: 0, max: 100 }),
});

async function record(
  steps: Parameters<typeof observationsOf>[0],
  batch: number,
): Promise<{ store: Store; path: string }> {
  const path = await newTestLocation();
  const store = await openStore(path);
  const obs = observationsOf(steps);
  for (let i = 0; i < obs.length; i += batch) await store.append({ observations: obs.slice(i, i + batch) });
  return { store, path };
}

const start = Date.parse('2026-03-01T00:00:00Z');

/**
 * Runs per property: on PostgreSQL each run makes databases of its own (≈ 0.3 s more per run), so
 * fewer of them keep the suite's time in check; SQLite runs the full count.
 */
const runs = (n: number): number => (TEST_BACKEND === 'postgres' ? Math.ceil(n / 4) : n);
const TIMEOUT = TEST_BACKEND === 'postgres' ? 180_000 : 60_000;

describe('projection invariants over random histories', () => {
  it(
    'incremental projection = rebuild from position 0 = pure in-memory fold at any T, and appending after a rebuild = a fresh rebuild',
    async () => {
      await fc.assert(
        fc.asyncProperty(history, async ({ steps, batch, probes, cut }) => {
          const obs = observationsOf(steps);
          // the last `cut`% of the history is appended only after the rebuild
          const split = obs.length - Math.floor((obs.length * cut) / 100);
          const store = await openStore(await newTestLocation());
          const append = async (from: number, to: number) => {
            for (let i = from; i < to; i += batch)
              await store.append({ observations: obs.slice(i, Math.min(i + batch, to)) });
          };
          try {
            await append(0, split);
            const incremental = await dump(store);
            const at = probes.map((p) => start + p * 1000);
            for (const t of at) expect(await sqlAt(store, t)).toEqual(await memoryAt(store, t));
            await store.rebuild();
            expect(await dump(store)).toEqual(incremental);
            // the store keeps working after a rebuild: appending again equals a fresh rebuild
            await append(split, obs.length);
            const appended = await dump(store);
            await store.rebuild();
            expect(appended).toEqual(await dump(store));
            for (const t of at) expect(await sqlAt(store, t)).toEqual(await memoryAt(store, t));
            return true;
          } finally {
            await store.close();
          }
        }),
        { numRuns: runs(60) },
      );
    },
    TIMEOUT,
  );

  it(
    'reopening the store resumes the fold where it was (caches reloaded from the database)',
    async () => {
      await fc.assert(
        fc.asyncProperty(history, async ({ steps, batch }) => {
          const obs = observationsOf(steps);
          const half = Math.floor(obs.length / 2);
          const path = await newTestLocation();
          let store = await openStore(path);
          for (let i = 0; i < half; i += batch)
            await store.append({ observations: obs.slice(i, Math.min(i + batch, half)) });
          await store.close();
          store = await openStore(path);
          for (let i = half; i < obs.length; i += batch)
            await store.append({ observations: obs.slice(i, i + batch) });
          const incremental = await dump(store);
          await store.rebuild();
          expect(await dump(store)).toEqual(incremental);
          await store.close();
        }),
        { numRuns: runs(40) },
      );
    },
    TIMEOUT,
  );

  it(
    'after a prune, answers for every T at or after the cutoff are unchanged, incrementally and after a rebuild',
    async () => {
      await fc.assert(
        fc.asyncProperty(history, async ({ steps, batch, probes, cut }) => {
          const { store, path } = await record(steps, batch);
          const sqlAll = (at: readonly number[]) => Promise.all(at.map((t) => sqlAt(store, t)));
          try {
            const cutoff = start + cut * 1000;
            const at = [cutoff, ...probes.map((p) => cutoff + Math.abs(p) * 1000)];
            const before = await sqlAll(at);
            const asked = await answers(store, path, at);
            const firstSeen = await marks(store);
            await store.prune(cutoff);
            expect(await sqlAll(at)).toEqual(before);
            expect(await answers(store, path, at)).toEqual(asked);
            const pruned = await dump(store);
            await store.rebuild();
            expect(await sqlAll(at)).toEqual(before);
            expect(await answers(store, path, at)).toEqual(asked);
            // the rebuild recreates exactly the rows the prune left, and the source choice of every service
            expect(await dump(store)).toEqual(pruned);
            expect(await marks(store)).toEqual(firstSeen);
            return true;
          } finally {
            await store.close();
          }
        }),
        { numRuns: runs(60) },
      );
    },
    TIMEOUT,
  );

  it(
    'pruning twice while recording, in either order of cutoffs, changes no answer after the later one, incrementally and after a rebuild',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          history,
          fc.integer({ min: 0, max: 100 }),
          async ({ steps, batch, probes, cut }, cut2) => {
            const obs = observationsOf(steps);
            const before = obs.slice(0, Math.floor(obs.length / 2));
            const prunedPath = await newTestLocation();
            const referencePath = await newTestLocation();
            const pruned = await openStore(prunedPath);
            const reference = await openStore(referencePath);
            const both = async (observations: typeof obs) => {
              await reference.append({ observations });
              await pruned.append({ observations });
            };
            try {
              for (let i = 0; i < before.length; i += batch) await both(before.slice(i, i + batch));
              // What a recorder delivers after a prune: never again what came before its cursor (so not
              // what the prune deleted), no DELETED of an object already gone (the prune forgot it), and
              // nothing observed before the cutoff.
              const after = obs.slice(before.length).filter((o) => !before.includes(o));
              const first = (
                await pruned.prune(Math.min(start + cut * 1000, ...after.map((o) => o.observedAt)))
              ).cutoff;
              for (const o of after)
                if (o.type !== 'DELETED' || (await aliveIn(reference, o))) await both([o]);
              const cutoff = (await pruned.prune(start + cut2 * 1000)).cutoff;
              // an empty store records no floor for the first prune
              expect(cutoff).toBe(Math.max(start + cut2 * 1000, before.length > 0 ? first : start));
              const at = [cutoff, ...probes.map((p) => cutoff + Math.abs(p) * 1000)];
              const expected = await Promise.all(at.map((t) => sqlAt(reference, t)));
              const asked = await answers(reference, referencePath, at);
              expect(await Promise.all(at.map((t) => sqlAt(pruned, t)))).toEqual(expected);
              expect(await answers(pruned, prunedPath, at)).toEqual(asked);
              const incremental = await dump(pruned);
              await pruned.rebuild();
              expect(await dump(pruned)).toEqual(incremental);
              expect(await answers(pruned, prunedPath, at)).toEqual(asked);
              expect(await marks(pruned)).toEqual(await marks(reference));
              return true;
            } finally {
              await pruned.close();
              await reference.close();
            }
          },
        ),
        { numRuns: runs(40) },
      );
    },
    TIMEOUT,
  );
});
