import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimServer, SimStore, startSimServer } from '../../../src/sim/index.js';
import { tempDir } from '../../helpers/k8s.js';
import { putPod } from '../../watch/harness.js';
import { cli } from '../helpers.js';
import { coverageRows, spawnCli, until } from './spawnCli.js';

const dir = tempDir();
const db = join(dir, 'eph.db');
const kubeconfig = join(dir, 'kubeconfig');
let sim: SimServer;

beforeAll(async () => {
  const simStore = new SimStore();
  sim = await startSimServer(simStore);
  sim.writeKubeconfig(kubeconfig);
  putPod(simStore, 'shop', 'a');
});

afterAll(async () => {
  await sim.stop();
});

const record = () =>
  spawnCli(['record', '--kubeconfig', kubeconfig, '--db', db, '--cluster-name', 'sim'], {
    EPH_LOG_LEVEL: 'error',
  });

/** Coverage intervals still open, per kind (none while the recorder is still creating the file). */
const openKinds = (): string[] => {
  try {
    return coverageRows(db)
      .filter((r) => r.ended_at === null)
      .map((r) => r.kind)
      .sort();
  } catch {
    return [];
  }
};

describe('one writer per database', () => {
  it('refuses a second record, a rebuild and a prune while a record runs, naming its pid and host; after a kill -9 of the holder the next record starts', async () => {
    const first = record();
    await until(async () => openKinds().length === 4, 20_000);
    const rowsBefore = coverageRows(db);
    const holder = new RegExp(
      `\`endpoints-history record\` \\(pid ${first.child.pid} on host ${hostname()}, since [^)]+\\).*\\(EPH_ERR_DB_LOCKED\\)\\n$`,
    );

    const second = record();
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toMatch(/^endpoints-history: database .* is being written by /);
    expect(second.stderr()).toMatch(holder);
    expect(second.stderr().split('\n')).toHaveLength(2);
    for (const argv of [['rebuild'], ['prune', '--older-than', '1d']]) {
      const r = await cli([...argv, '--db', db], Date.now());
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(holder);
    }
    // Nobody touched the holder's coverage: no interval closed as "crash" behind its back.
    expect(coverageRows(db)).toEqual(rowsBefore);

    expect(await first.stop('SIGKILL')).toBeNull();
    const third = record();
    await until(
      async () => coverageRows(db).some((r) => r.end_reason === 'crash') && openKinds().length === 4,
      20_000,
    );
    expect(await third.stop('SIGTERM')).toBe(0);
    expect(openKinds()).toEqual([]);
  }, 60_000);
});
