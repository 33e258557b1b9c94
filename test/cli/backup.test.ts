import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { backupDatabase, SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline, tempDir } from '../helpers/k8s.js';
import { cli } from './helpers.js';

const NOW = Date.parse('2026-03-01T03:00:00Z');

/** A store with `pods` pods added one batch each, left open: everything is still in its WAL. */
function liveStore(pods: number) {
  const path = join(tempDir(), 'live.db');
  const store = SqliteStore.open(path);
  const tl = new Timeline();
  let n = 0;
  const add = (count: number) => {
    for (let i = 0; i < count; i++, n++) {
      const labels = Object.fromEntries(
        Array.from({ length: 20 }, (_, k) => [`label-${k}`, `value-${n}-${k}`]),
      );
      tl.put(store, NOW - 3_600_000 + n, (t) =>
        t.obs(
          'Pod',
          'ADDED',
          rawPod({ uid: `u${n}`, name: `p${n}`, ips: [`10.0.${n >> 8}.${n & 255}`], labels }),
        ),
      );
    }
  };
  add(pods);
  return { path, store, add };
}

const eventCount = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('endpoints-history backup', () => {
  it('copies what the WAL holds, where copying the .db file alone loses it, into one self-contained file', async () => {
    const { path, store } = liveStore(50);
    expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);
    const raw = join(tempDir(), 'raw.db');
    copyFileSync(path, raw);
    const rawCopy = await cli(['get', 'pods', '-A', '--db', raw], NOW);
    expect(rawCopy.code).not.toBe(0);

    const copy = join(tempDir(), 'copy.db');
    const r = await cli(['backup', '--db', path, '--to', copy], NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^backed up ${path} to ${copy}: \\d+ pages, \\d+\\.\\d MiB in \\d+\\.\\d\\d s\\n$`),
    );
    expect(r.stderr).toMatch(/^(backup: \d+\/\d+ pages \(\d+%\)\n)*backup: (\d+)\/\2 pages \(100%\)\n$/);
    expect(existsSync(`${copy}-wal`)).toBe(false);
    expect(eventCount(copy)).toBe(50);
    const check = new Database(copy, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const pods = await cli(['get', 'pods', '-A', '--db', copy], NOW);
    expect(pods.stdout.split('\n')).toHaveLength(52);
    store.close();
  });

  it('takes a consistent snapshot while the recorder keeps writing between its steps', async () => {
    const { path, store, add } = liveStore(400);
    const copy = join(tempDir(), 'copy.db');
    let steps = 0;
    const writing = setInterval(() => add(5), 1);
    const result = await backupDatabase(path, copy, {
      pagesPerStep: 4,
      onProgress: () => {
        steps += 1;
      },
    }).finally(() => clearInterval(writing));
    expect(steps).toBeGreaterThan(10);
    expect(eventCount(path)).toBeGreaterThan(400);
    // The copy is the database as it was when the backup began: every event up to some position,
    // none after, and projections that agree with them.
    const positions = (() => {
      const db = new Database(copy, { readonly: true });
      try {
        return db.prepare('SELECT position FROM events ORDER BY position').pluck().all() as number[];
      } finally {
        db.close();
      }
    })();
    expect(positions.length).toBeGreaterThanOrEqual(400);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(result.pages).toBeGreaterThan(4);
    const history = History.open(copy, { now: () => NOW });
    expect(await history.podsByIP({ ip: '10.0.0.1', at: NOW })).toHaveLength(1);
    history.close();
    const restored = SqliteStore.open(copy);
    expect((await restored.rebuild()).events).toBe(positions.length);
    restored.close();
    store.close();
  });

  it('refuses to replace an existing file without --force, and with --force replaces it and drops its stale -wal', async () => {
    const { path, store } = liveStore(3);
    const copy = join(tempDir(), 'copy.db');
    writeFileSync(copy, 'an older copy');
    writeFileSync(`${copy}-wal`, 'a stale WAL that would corrupt the new copy');
    const refused = await cli(['backup', '--db', path, '--to', copy], NOW);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `endpoints-history: ${copy} already exists; --force replaces it\n`,
    });
    expect(readFileSync(copy, 'utf8')).toBe('an older copy');
    const forced = await cli(['backup', '--db', path, '--to', copy, '--force'], NOW);
    expect(forced.code).toBe(0);
    expect(existsSync(`${copy}-wal`)).toBe(false);
    expect(eventCount(copy)).toBe(3);
    const self = await cli(['backup', '--db', path, '--to', path, '--force'], NOW);
    expect(self).toMatchObject({
      code: 2,
      stderr: `endpoints-history: --to ${path} is the database itself\n`,
    });
    const missing = await cli(
      ['backup', '--db', join(tempDir(), 'nope.db'), '--to', join(tempDir(), 'c.db')],
      NOW,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\(EPH_ERR_DB_MISSING\)\n$/);
    store.close();
  });
});
