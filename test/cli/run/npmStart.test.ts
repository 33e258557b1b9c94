import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMULATED_FIRST_LINE } from '../../../src/cli/commands/run.js';
import { packageRoot } from '../../../src/util/packageRoot.js';
import { tempDir } from '../../helpers/k8s.js';
import { graphql } from './spawnCli.js';

const REPO = packageRoot();
const built = existsSync(join(REPO, 'dist/src/cli/main.js'));

/**
 * The README's first command on a fresh machine: `npm ci` builds dist/ (prepare), `npm start` runs the
 * compiled CLI. With no kubeconfig and no in-cluster config it must record the simulated cluster and
 * serve a working API. (Skipped only where dist/ was never built; CI builds it with `npm ci`.)
 */
describe('npm start', () => {
  it.skipIf(!built)(
    'serves real history from the compiled CLI with no kubeconfig, and goes away on SIGTERM',
    async () => {
      const home = tempDir('eph-home-');
      const child = spawn('npm', ['start', '--silent', '--', '--port', '0', '--speed', '10'], {
        cwd: REPO,
        env: {
          PATH: process.env.PATH ?? '',
          ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
          HOME: home,
          EPH_DB: join(home, 'endpoints-history.db'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const deadline = Date.now() + 60_000;
        let url: string | undefined;
        while (!url && Date.now() < deadline) {
          url = /GraphiQL at (http:\/\/[^\s/]+:\d+)/.exec(out)?.[1];
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(out.split('\n')[0]).toBe(SIMULATED_FIRST_LINE);
        expect(url).toBeDefined();
        let addresses: unknown[] = [];
        while (addresses.length === 0 && Date.now() < deadline) {
          const { body } = await graphql(
            url!,
            '{ endpoints(namespace: "default", service: "service-hello") { addresses { ip } } }',
          );
          addresses =
            (body.data as { endpoints?: { addresses: unknown[] } } | undefined)?.endpoints?.addresses ?? [];
          if (addresses.length === 0) await new Promise((r) => setTimeout(r, 250));
        }
        expect(addresses.length).toBeGreaterThan(0);
        // npm passes SIGTERM on to the server and then dies of it itself; the server's own clean exit on
        // SIGTERM is pinned by run.test.ts. Here: the whole group goes away, nothing is left hanging.
        child.kill('SIGTERM');
        expect([0, null]).toContain(await exited);
      } finally {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
    },
    90_000,
  );
});
