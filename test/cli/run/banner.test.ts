import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/k8s.js';
import { spawnCli, until } from './spawnCli.js';

const dir = tempDir();
const home = join(dir, 'home');
mkdirSync(home);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the start-up banner of run', () => {
  it('holds log lines back until the banner is printed, on a second run over the same database', async () => {
    const db = join(dir, 'twice.db');
    const run = () => spawnCli(['run', '--port', '0', '--speed', '10', '--db', db], { HOME: home });
    const first = run();
    try {
      await first.waitForLine(/^or with the CLI:/, 90_000);
      expect(await first.stop('SIGTERM')).toBe(0);
    } finally {
      await first.stop('SIGKILL');
    }
    // The second run resumes from cursors the new simulated cluster never served: its streams get 410s
    // within milliseconds and log them, while the banner is still being printed.
    const second = run();
    try {
      await second.waitForLine(/^ {2}\[1\/8\] /, 90_000);
      expect(second.stderr(), 'a log line in the middle of the banner').toBe('');
      await second.waitForLine(/^or with the CLI:/, 60_000);
      const logged = await until(async () => second.stderr() || undefined, 10_000);
      expect(logged.split('\n')[0]).toMatch(/^\{"level":\d+,/);
      expect(await second.stop('SIGTERM')).toBe(0);
    } finally {
      await second.stop('SIGKILL');
    }
  }, 200_000);
});
