import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { loadMigrations, migrate, openDatabase, SqliteReads, SqliteStore } from '../../src/store/index.js';
import { encodeObject } from '../../src/store/objectCodec.js';
import { serialise } from '../../src/store/serialise.js';
import { rawPod, Timeline, tempDbPath } from '../helpers/k8s.js';

describe('migrations', () => {
  it('applies the numbered migrations in order and records each', () => {
    const db = openDatabase(tempDbPath());
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(loadMigrations().map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempDbPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('upgrades a version-1 database with history in it: every object keeps its latest version', async () => {
    const path = tempDbPath();
    const v1 = new Database(path);
    migrate(v1, loadMigrations().slice(0, 1));
    const tl = new Timeline();
    const added = tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }));
    v1.exec(`INSERT INTO clusters (id, name) VALUES (1, '${added.cluster}');
      INSERT INTO objects (id, cluster_id, kind, uid, namespace, name, last_position, alive)
        VALUES (1, 1, 'Pod', 'u1', 'default', 'p1', 1, 1);`);
    v1.prepare(`INSERT INTO events (position, object_id, resource_version, type, source, observed_at, hash, object)
      VALUES (1, 1, ?, 'ADDED', 'watch', ?, ?, ?)`).run(
      added.resourceVersion,
      added.observedAt,
      added.hash,
      encodeObject(serialise(added), null),
    );
    v1.close();
    const store = SqliteStore.open(path);
    expect(store.db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(
      loadMigrations().at(-1)!.version,
    );
    expect(store.appendNow({ observations: [added] })).toMatchObject({ duplicates: 1 });
    expect((await store.rebuild()).events).toBe(1);
    expect(
      await new History(new SqliteReads(store.db)).podsByIP({ ip: '10.0.0.1', at: added.observedAt }),
    ).toHaveLength(1);
    store.close();
  });

  it('refuses a database written by a newer version with EPH_ERR_DB_NEWER', () => {
    const path = tempDbPath();
    openDatabase(path).close();
    const raw = new Database(path);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, ?, 0)')
      .run('from-the-future');
    raw.close();
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'EPH_ERR_DB_NEWER' }));
  });

  it('rolls back a failing migration whole, leaving no partial schema', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, [{ version: 1, name: 'broken', sql: 'CREATE TABLE a (x); CREATE TABLE a (y);' }]),
    ).toThrow();
    expect(
      db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('a', 'schema_migrations')").pluck().get(),
    ).toBe(0);
  });

  it('refuses to open a missing database for reading with EPH_ERR_DB_MISSING', () => {
    expect(() => openDatabase('/nonexistent/dir/x.db', { readonly: true })).toThrow(
      expect.objectContaining({ code: 'EPH_ERR_DB_MISSING' }),
    );
  });
});
