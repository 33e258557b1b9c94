import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { migratePostgres } from '../../src/store/postgres/migratePostgres.js';

/**
 * One real PostgreSQL server for the whole test run: `initdb` into a temporary directory, started
 * by `pg_ctl` on a free TCP port (trust authentication on localhost, fsync off: a test server),
 * stopped and removed when the run ends. Each test takes a fresh database of its own from it
 * (test/helpers/postgres.ts), so test files run in parallel. As root, the server runs as the
 * unprivileged `postgres` user (PostgreSQL refuses to run as root). Missing binaries fail the run
 * with a message saying how to install them: PostgreSQL tests are never skipped.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = postgresBinDir();
  // not under the run's temp root: that one is private to root, and the server runs as `postgres`
  const root = mkdtempSync(join(existsSync('/tmp') ? '/tmp' : tmpdir(), 'eph-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    try {
      if (asRoot)
        execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
          cwd: root,
        });
      else execFileSync(join(bin, cmd), args, { stdio: 'pipe', cwd: root });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
      throw new Error(`PostgreSQL test server: ${cmd} failed: ${stderr || (error as Error).message}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
    '-c shared_buffers=64MB',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await migratedTemplate(url);
  process.env.EPH_TEST_PG_URL = url;
  project.provide('postgresUrl', url);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  // a run stopped by a signal skips the teardown: the server must not outlive it
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  return async () => stop();
}

/**
 * `eph_template`: an empty history with every migration applied, which each test's database is
 * copied from (CREATE DATABASE … TEMPLATE: a file copy, faster than migrating every time). The
 * migrations themselves are exercised on databases made from template0 (test/store/postgres).
 */
async function migratedTemplate(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE eph_template TEMPLATE template0');
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = '/eph_template';
  const client = await connectPostgres(url.toString(), 'test template');
  try {
    await migratePostgres(client, 'eph_template');
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Where initdb and pg_ctl are: `pg_config --bindir`, else Debian's place for the newest version. */
function postgresBinDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config on PATH: look where Debian's postgresql package puts the server
  }
  for (const v of ['17', '16', '15', '14']) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found: the PostgreSQL tests need them. ' +
      'Install them (Debian: apt-get install -y postgresql) or put pg_config on PATH.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
