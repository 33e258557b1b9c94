import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { putPod, waitFor } from '../watch/harness.js';
import { cli } from './helpers.js';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'eph-timing-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('record: --relist-interval and --idle-timeout', () => {
  it('relists on the interval and abandons a silent stream after the idle timeout', async () => {
    const simStore = new SimStore();
    // no bookmarks: a stalled stream is then entirely silent
    const sim = await startSimServer(simStore, { bookmarkIntervalMs: 0 });
    const kubeconfig = join(dir, 'kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    putPod(simStore, 'shop', 'a');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'record', '--kubeconfig', kubeconfig, '--db', join(dir, 'eph.db')],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, EPH_LOG_LEVEL: 'error', EPH_RELIST_INTERVAL: '700ms', EPH_IDLE_TIMEOUT: '1s' },
      },
    );
    children.push(child);
    try {
      const podLists = () =>
        sim.requests.filter((r) => r.path === '/api/v1/pods' && r.query.watch !== 'true').length;
      const podWatches = () =>
        sim.requests.filter((r) => r.path === '/api/v1/pods' && r.query.watch === 'true').length;
      await waitFor(() => podWatches() >= 1, 15_000, 'the first pod watch');
      // the periodic relist (every 700 ms) lists pods again
      await waitFor(() => podLists() >= 3, 5_000, 'periodic relists of pods');
      // a stalled stream goes silent; the 1 s idle watchdog re-watches
      const watches = podWatches();
      sim.faults.stall();
      await waitFor(() => podWatches() > watches, 5_000, 'a re-watch after the stall');
    } finally {
      child.kill('SIGTERM');
      await sim.stop();
    }
  }, 40_000);

  it('rejects a bad duration as a usage error, before connecting anywhere', async () => {
    for (const args of [
      ['--relist-interval', 'hourly'],
      ['--idle-timeout', '0'],
    ]) {
      const r = await cli(['record', '--kubeconfig', join(dir, 'none.yaml'), ...args], 0);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^endpoints-history: bad duration for --(relist-interval|idle-timeout) /);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
