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
import { openStore, type Store } from '../../src/store/index.js';
import { newTestLocation, storedEvents, storedRows, TEST_BACKEND } from '../helpers/backend.js';
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

const history = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 60 }),
  batch: fc.integer({ min: 1, max: 7 }),
  probes: fc.array(fc.integer({ min: -2, max: 200 }), { minLength: 3, maxLength: 8 }),
  cut: fc.integer({ min: 0, max: 100 }),
});

async function record(steps: Parameters<typeof observationsOf>[0], batch: number): Promise<Store> {
  const store = await openStore(await newTestLocation());
  const obs = observationsOf(steps);
  for (let i = 0; i < obs.length; i += batch) await store.append({ observations: obs.slice(i, i + batch) });
  return store;
}

const start = Date.parse('2026-03-01T00:00:00Z');

/**
 * Runs per property: on PostgreSQL each run makes a database of its own (≈ 0.3 s more per run), so
 * fewer of them keep the suite's time in check; SQLite runs the full count.
 */
const runs = (n: number): number => (TEST_BACKEND === 'postgres' ? Math.ceil(n / 4) : n);
const TIMEOUT = TEST_BACKEND === 'postgres' ? 120_000 : 30_000;

describe('projection invariants over random histories', () => {
  it('incremental projection = rebuild from position 0 = pure in-memory fold at any T', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ steps, batch, probes }) => {
        const store = await record(steps, batch);
        try {
          const incremental = await dump(store);
          const at = probes.map((p) => start + p * 1000);
          for (const t of at) expect(await sqlAt(store, t)).toEqual(await memoryAt(store, t));
          await store.rebuild();
          expect(await dump(store)).toEqual(incremental);
          return true;
        } finally {
          await store.close();
        }
      }),
      { numRuns: runs(60) },
    );
  }, TIMEOUT);

  it('reopening the store resumes the fold where it was (caches reloaded from the database)', async () => {
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
  }, TIMEOUT);

  it('after a prune, answers for every T at or after the cutoff are unchanged, incrementally and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ steps, batch, probes, cut }) => {
        const store = await record(steps, batch);
        try {
          const cutoff = start + cut * 1000;
          const at = [cutoff, ...probes.map((p) => cutoff + Math.abs(p) * 1000)];
          const before = await Promise.all(at.map((t) => sqlAt(store, t)));
          await store.prune(cutoff);
          for (let i = 0; i < at.length; i++) expect(await sqlAt(store, at[i]!)).toEqual(before[i]);
          await store.rebuild();
          for (let i = 0; i < at.length; i++) expect(await sqlAt(store, at[i]!)).toEqual(before[i]);
          return true;
        } finally {
          await store.close();
        }
      }),
      { numRuns: runs(60) },
    );
  }, TIMEOUT);
});
