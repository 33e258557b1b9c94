import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import { walBudgetBytes } from '../../src/store/sqlite/walBudget.js';
import { rawPod, Timeline, tempDbPath } from '../helpers/k8s.js';

const MiB = 1024 * 1024;

/** Appends `n` pods whose labels do not compress (random hex), about 3 KB stored each. */
function fill(store: SqliteStore, tl: Timeline, n: number, onBatch: () => void): void {
  for (let i = 0; i < n; i += 50) {
    const makers = Array.from({ length: 50 }, (_, k) => {
      const j = i + k;
      const labels = Object.fromEntries(
        Array.from({ length: 60 }, (_, l) => [`l${l}`, randomBytes(24).toString('hex')]),
      );
      return (t: Timeline) =>
        t.obs(
          'Pod',
          'ADDED',
          rawPod({ uid: `u${j}`, name: `p${j}`, ips: [`10.1.${j >> 8}.${j & 255}`], labels }),
        );
    });
    tl.put(store, Date.parse('2026-03-01T00:00:00Z') + i, ...makers);
    onBatch();
  }
}

describe('the WAL is bounded by the free space', () => {
  it('takes a quarter of the free space, between 1 MiB and 64 MiB', () => {
    expect(walBudgetBytes(8 * MiB)).toBe(2 * MiB);
    expect(walBudgetBytes(1 * MiB)).toBe(1 * MiB);
    expect(walBudgetBytes(100 * 1024 * MiB)).toBe(64 * MiB);
    expect(walBudgetBytes(null)).toBe(64 * MiB);
  });

  it('keeps the WAL file within 2 MiB (plus a batch) on a volume with 8 MiB free, while writing 12 MiB', () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path, { freeBytes: () => 8 * MiB });
    expect(store.db.pragma('journal_size_limit', { simple: true })).toBe(2 * MiB);
    let largestWal = 0;
    fill(store, new Timeline(), 5000, () => {
      if (existsSync(`${path}-wal`)) largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
    });
    expect(statSync(path).size).toBeGreaterThan(8 * MiB);
    expect(largestWal).toBeGreaterThan(MiB);
    expect(largestWal).toBeLessThan(2 * MiB + MiB / 2);
    store.close();
  });
});
