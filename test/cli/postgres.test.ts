import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { loadPostgresMigrations } from '../../src/store/postgres/migratePostgres.js';
import { rawPod, Timeline } from '../helpers/k8s.js';
import { freshPostgresDb } from '../helpers/postgres.js';
import { cli } from './helpers.js';

const NOW = Date.parse('2026-03-01T03:00:00Z');
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['EPH_DB', 'PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** A PostgreSQL history holding one pod at 10.0.0.7. */
async function recorded(): Promise<string> {
  const url = await freshPostgresDb();
  const store = await openStore(url, { cluster: 'prod-eu' });
  await store.append({
    observations: [
      new Timeline(NOW - 60_000).obs('Pod', 'ADDED', rawPod({ uid: 'u7', name: 'web-7', ips: ['10.0.0.7'] })),
    ].map((o) => ({ ...o, cluster: 'prod-eu' })),
  });
  await store.close();
  return url;
}

describe('--db selects PostgreSQL', () => {
  it('answers a query command from a postgres:// URL given by --db or EPH_DB', async () => {
    const url = await recorded();
    const byFlag = await cli(['who-had-ip', '10.0.0.7', '--db', url], NOW);
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toContain('web-7');
    process.env.EPH_DB = url;
    const byEnv = await cli(['who-had-ip', '10.0.0.7'], NOW);
    expect(byEnv.stdout).toBe(byFlag.stdout);
  });

  it('takes every connection setting from the PG* variables with --db postgres:', async () => {
    const url = new URL(await recorded());
    process.env.PGHOST = url.hostname;
    process.env.PGPORT = url.port;
    process.env.PGUSER = url.username;
    process.env.PGDATABASE = url.pathname.slice(1);
    const r = await cli(['who-had-ip', '10.0.0.7', '--db', 'postgres:'], NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('web-7');
  });

  it('migrates an empty database with `migrate` and says its schema version', async () => {
    const url = await freshPostgresDb();
    const r = await cli(['migrate', '--db', url], NOW);
    expect(r.code).toBe(0);
    const newest = Math.max(...loadPostgresMigrations().map((m) => m.version));
    expect(r.stdout).toMatch(new RegExp(`is at schema version ${newest}\n$`));
  });

  it('refuses `backup` with the pg_dump command that does it, exit 2, never showing the password', async () => {
    const url = new URL(await recorded());
    url.password = 's3cret';
    const r = await cli(['backup', '--db', url.toString(), '--to', '/tmp/history.dump'], NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pg_dump --format=custom --file=/tmp/history.dump 'postgres://postgres@");
    expect(r.stderr).toContain('EPH_ERR_BACKUP_POSTGRES');
    expect(r.stderr).not.toContain('s3cret');
  });

  it('says an unreachable server in one line, exit 2', async () => {
    const r = await cli(['who-had-ip', '10.0.0.7', '--db', 'postgres://eph:pw@127.0.0.1:1/history'], NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^endpoints-history: cannot connect to PostgreSQL at postgres:\/\/eph:\*\*\*@127\.0\.0\.1:1\/history: .*\(EPH_ERR_DB_UNREACHABLE\)\n$/,
    );
  });
});
