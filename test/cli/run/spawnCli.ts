import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { packageRoot } from '../../../src/util/packageRoot.js';

/** The built CLI (`npm test` builds first), as `npm install` puts it on the PATH. */
export const COMPILED_CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

/** The CLI running as a child process from source, with its output collected line by line. */
export interface CliProcess {
  readonly child: ChildProcess;
  stdoutLines(): string[];
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` (rejects after `timeoutMs` or on exit). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Runs `node --import tsx src/cli/main.ts ...args` in the repository (or, `compiled`, the built
 * `dist/src/cli/main.js` as the package's bin runs); its environment is PATH and the run's TMPDIR
 * (so what it leaves in the temp dir, e.g. after a SIGKILL, goes with the run's temp root) plus
 * `env` only.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
  options: { compiled?: boolean } = {},
): CliProcess {
  const entry = options.compiled ? [COMPILED_CLI] : ['--import', 'tsx', 'src/cli/main.ts'];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: packageRoot(),
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const l of [...listeners]) l();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = (): string[] => out.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  return {
    child,
    exited,
    stdoutLines: lines,
    stderr: () => err,
    waitForLine(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines().find((l) => pattern.test(l));
          if (hit === undefined) return;
          done();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`no line matching ${pattern} in ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`),
          );
        }, timeoutMs);
        const onExit = (): void => {
          done();
          reject(new Error(`exited before a line matched ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        };
        function done(): void {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        }
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The port of the first "serving GraphiQL at http://…:PORT/graphiql" style line. */
export async function servedUrl(cli: CliProcess, timeoutMs?: number): Promise<string> {
  const line = await cli.waitForLine(/GraphiQL at http:\/\/[^\s/]+:\d+/, timeoutMs);
  return /(http:\/\/[^\s/]+:\d+)/.exec(line)![1]!;
}

/** POSTs a GraphQL query and returns the parsed body. */
export async function graphql(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

/**
 * Polls `check` every 100 ms until it gives a value other than undefined or false, and resolves with
 * it; rejects once `timeoutMs` has passed.
 */
export async function until<T>(check: () => Promise<T | false | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CoverageRow {
  kind: string;
  ended_at: number | null;
  end_reason: string | null;
}

/** The coverage table of the database at `db`, read through a read-only connection closed again. */
export function coverageRows(db: string): CoverageRow[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT kind, ended_at, end_reason FROM coverage').all() as CoverageRow[];
  } finally {
    conn.close();
  }
}
