import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toObservation } from '../../src/model/index.js';
import type { Observation } from '../../src/model/types.js';
import { startSimCluster } from '../../src/sim/cluster/index.js';
import { type SimServer, startSimServer } from '../../src/sim/index.js';
import { runScenario, serviceHelloScenario } from '../../src/sim/scenarios/index.js';
import { SIM_KINDS, SimStore } from '../../src/sim/simStore.js';
import { SqliteStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/k8s.js';
import { kubectlBinary } from '../helpers/kubectl.js';
import { cli } from './helpers.js';

const run = promisify(execFile);

/**
 * The service-hello scenario played in the simulated cluster (its real controllers), every object it ends
 * with recorded into our store, then the same questions asked of kubectl (against the simulator) and
 * of us (`--at` the simulator's clock): the outputs must be identical, byte for byte.
 */
describe('our get/describe output against real kubectl on the simulator', () => {
  let server: SimServer;
  let dir: string;
  let db: string;
  let clock = Date.parse('2026-03-01T02:00:00Z');
  const T = () => clock;
  const kubectl = async (...args: string[]) =>
    (
      await run(
        kubectlBinary(),
        ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args],
        {
          timeout: 20_000,
        },
      )
    ).stdout;

  beforeAll(async () => {
    dir = tempDir();
    db = join(dir, 'eph.db');
    const sim = new SimStore({ now: T });
    const sleep = async (ms: number) => {
      clock += ms;
    };
    const { cluster, detach } = startSimCluster(sim, {
      now: T,
      seed: 7,
      sleep,
      podStepMs: 1000,
      terminationStepMs: 1000,
    });
    await runScenario(cluster, serviceHelloScenario(), {
      sleep,
      stepDelayMs: 5000,
    });
    detach();
    const store = SqliteStore.open(db);
    const observations: Observation[] = [];
    for (const kind of SIM_KINDS) {
      for (const raw of sim.list(kind)) {
        const r = toObservation({
          cluster: 'sim',
          kind,
          type: 'ADDED',
          source: 'watch',
          raw,
          observedAt: clock,
        });
        if (r.ok) observations.push(r.observation);
      }
    }
    store.append({
      observations,
      coverage: SIM_KINDS.map((kind) => ({
        op: 'open',
        cluster: 'sim',
        kind,
        at: clock - 1,
        reason: 'list',
      })),
    });
    store.close();
    clock += 3 * 60 * 60 * 1000;
    server = await startSimServer(sim, { now: T });
    server.writeKubeconfig(join(dir, 'config'), { contextName: 'sim' });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('prints `get endpoints -A` exactly as kubectl does', async () => {
    const ours = await cli(['get', 'endpoints', '-A', '--db', db, '--at', String(clock)], clock);
    expect(ours.code).toBe(0);
    const theirs = await kubectl('get', 'endpoints', '-A');
    expect(theirs).toContain(
      'service-hello   10.244.1.23:8080,10.244.1.27:8080,10.244.1.28:8080 + 1 more...',
    );
    expect(ours.stdout).toBe(theirs);
  });

  it('prints `get endpoints NAME -n NS` exactly as kubectl does', async () => {
    const ours = await cli(
      ['get', 'endpoints', 'service-hello', '-n', 'default', '--db', db, '--at', String(clock)],
      clock,
    );
    expect(ours.stdout).toBe(await kubectl('get', 'endpoints', 'service-hello', '-n', 'default'));
  });

  it('prints `describe endpoints` exactly as kubectl does', async () => {
    for (const name of ['service-hello', 'mysql', 'hello-dual']) {
      const ours = await cli(['describe', 'endpoints', name, '--db', db, '--at', String(clock)], clock);
      const theirs = await kubectl('describe', 'endpoints', name, '-n', 'default');
      expect(theirs).toMatch(/^Subsets:\n {2}Addresses: /m);
      expect(ours.stdout).toBe(theirs);
    }
  });

  it('prints `get pods -l run=hello` and `-o wide` exactly as kubectl does', async () => {
    const ours = await cli(['get', 'pods', '-l', 'run=hello', '--db', db, '--at', String(clock)], clock);
    expect(ours.stdout).toBe(await kubectl('get', 'pods', '-l', 'run=hello'));
    const wide = await cli(['get', 'pods', '-A', '-o', 'wide', '--db', db, '--at', String(clock)], clock);
    expect(wide.stdout).toBe(await kubectl('get', 'pods', '-A', '-o', 'wide'));
  });
});
