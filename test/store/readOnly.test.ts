import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { History } from '../../src/query/index.js';
import { loadMigrations, migrate, type SqliteReads, SqliteStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/k8s.js';

/** The file's bytes and mtime, to prove nothing wrote it. */
const fingerprint = (path: string) => ({
  bytes: readFileSync(path).toString('base64'),
  mtime: statSync(path).mtimeMs,
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

describe('opening a database read-only', () => {
  it('refuses an empty file, a text file and another application’s SQLite file without writing a byte to them', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, but longer than a SQLite header would be............\n');
    const other = join(dir, 'places.sqlite');
    const app = new Database(other);
    app.exec("CREATE TABLE places (url TEXT); INSERT INTO places VALUES ('https://example.org')");
    app.close();
    for (const path of [empty, text, other]) {
      const before = fingerprint(path);
      expect(() => History.open(path)).toThrow(expect.objectContaining({ code: 'EPH_ERR_DB_NOT_HISTORY' }));
      const r = await cli('get', 'endpoints', '--db', path);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(
        new RegExp(
          `^endpoints-history: ${path} is not an endpoints-history database: .*\\(EPH_ERR_DB_NOT_HISTORY\\)\\n$`,
        ),
      );
      expect(fingerprint(path)).toEqual(before);
    }
    // A writer refuses what holds data of its own, before switching its journal mode or adding a table
    // (an empty file is a new database to a writer).
    for (const path of [text, other]) {
      const before = fingerprint(path);
      expect(() => SqliteStore.open(path)).toThrow(
        expect.objectContaining({ code: 'EPH_ERR_DB_NOT_HISTORY' }),
      );
      expect(fingerprint(path)).toEqual(before);
    }
    const check = new Database(other, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'places',
    ]);
    check.close();
  });

  it('refuses an older schema without migrating it, pointing at `migrate`, which brings it up to date', async () => {
    const path = join(tempDir(), 'v1.db');
    const v1 = new Database(path);
    v1.pragma('journal_mode = WAL');
    migrate(v1, loadMigrations().slice(0, 1));
    v1.close();
    const before = fingerprint(path);
    const r = await cli('describe', 'endpoints', 'x', '--db', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`run \`endpoints-history migrate --db ${path}\` first (EPH_ERR_DB_OLDER)`);
    expect(fingerprint(path)).toEqual(before);
    const migrated = await cli('migrate', '--db', path);
    const newest = loadMigrations().at(-1)!.version;
    expect(migrated).toEqual({
      code: 0,
      stdout: `database ${path} is at schema version ${newest}\n`,
      stderr: '',
    });
    expect(await History.open(path).clusters()).toEqual([]);
  });

  it('refuses a newer schema with EPH_ERR_DB_NEWER, changing nothing', async () => {
    const path = join(tempDir(), 'future.db');
    SqliteStore.open(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)").run();
    raw.close();
    const before = fingerprint(path);
    const r = await cli('serve', '--db', path, '--port', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /schema version 9999 is newer than this endpoints-history knows .*\(EPH_ERR_DB_NEWER\)\n$/,
    );
    expect(fingerprint(path)).toEqual(before);
  });

  it('opens a SQLite read-only connection: a write through it fails, whoever runs it', async () => {
    const path = join(tempDir(), 'h.db');
    SqliteStore.open(path).close();
    const history = History.open(path);
    const db = (history.reads as SqliteReads).db;
    expect(db.readonly).toBe(true);
    expect(() => db.exec('CREATE TABLE x (a)')).toThrow(/readonly/);
    history.close();
  });
});
