import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ThrowawayPostgres {
  /** The `postgres` database as the `postgres` superuser (trust authentication, 127.0.0.1 only). */
  url: string;
  /** The server's directory (data, log, socket), readable and writable by the server's user. */
  root: string;
  /** Stops the server at once and removes its directory (idempotent; also runs when the process exits). */
  stop(): void;
}

export interface ThrowawayPostgresOptions {
  /** Server settings (`name=value`) added to the defaults: listen on 127.0.0.1, 300 connections. */
  settings?: readonly string[];
  /** Who started it, in error messages. */
  purpose?: string;
}

/**
 * A real PostgreSQL server that lives as long as the calling process: `initdb` into a new temporary
 * directory, started by `pg_ctl` on a free TCP port of 127.0.0.1, stopped (immediate) and removed
 * by `stop()` or when the process exits or is stopped by SIGINT/SIGTERM. As root it runs as the
 * unprivileged `postgres` user (PostgreSQL refuses to run as root). The test run and the benchmarks
 * start theirs with this. Missing binaries throw, saying how to install them.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const purpose = options.purpose ?? 'throwaway PostgreSQL server';
  const bin = postgresBinDir(purpose);
  // not under a private temp root: the server may run as `postgres`, which must reach its directory
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
      throw new Error(`${purpose}: ${cmd} failed: ${stderr || (error as Error).message}`);
    }
  };
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = ['listen_addresses=127.0.0.1', 'max_connections=300', ...(options.settings ?? [])];
    const serverOptions = [`-p ${port}`, `-k ${root}`, ...settings.map((s) => `-c ${s}`)].join(' ');
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      serverOptions,
      '-l',
      join(root, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    started = true;
    // a process stopped by a signal skips its own cleanup: the server must not outlive it
    process.once('exit', stop);
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        stop();
        process.kill(process.pid, signal);
      });
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, root, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Where the server's programs (initdb, pg_ctl, psql) are: `pg_config --bindir`, else Debian's place
 * for the newest version.
 */
export function postgresBinDir(purpose = 'PostgreSQL'): string {
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
    `${purpose}: the PostgreSQL server binaries (initdb, pg_ctl) were not found. ` +
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

// `node --import tsx scripts/throwawayPostgres.ts`: a server to try things on (docs/fleet.md by hand);
// prints its URL, runs until Ctrl-C, then leaves nothing behind.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startThrowawayPostgres({ purpose: 'scripts/throwawayPostgres.ts' });
  process.stdout.write(`${server.url}\n`);
  setInterval(() => {}, 1 << 30);
}
