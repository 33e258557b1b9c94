import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_FIRST_LINE } from '../../../src/cli/commands/run.js';
import type { SimCluster } from '../../../src/sim/cluster/index.js';
import { startSimCluster } from '../../../src/sim/cluster/index.js';
import { type SimServer, SimStore, startSimServer } from '../../../src/sim/index.js';
import { IpAllocator } from '../../../src/sim/objects/index.js';
import { openDatabase } from '../../../src/store/index.js';
import { tempDir } from '../../helpers/k8s.js';
import { cli } from '../helpers.js';
import { type CliProcess, coverageRows, graphql, servedUrl, spawnCli, until } from './spawnCli.js';

const dir = tempDir();
const emptyHome = join(dir, 'home');
mkdirSync(emptyHome);
let sim: SimServer;
let cluster: SimCluster;
let detach: () => void;
const kubeconfig = join(dir, 'kubeconfig');

beforeAll(async () => {
  const store = new SimStore();
  sim = await startSimServer(store);
  ({ cluster, detach } = startSimCluster(store, { sleep: async () => {} }));
  cluster.createService({
    namespace: 'shop',
    name: 'web',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  await cluster.createDeployment({
    namespace: 'shop',
    name: 'web',
    replicas: 2,
    labels: { app: 'web' },
    containerPort: 8080,
    nodes: ['node-1', 'node-2'],
    ipAllocator: new IpAllocator({ first: '10.1.0.10', size: 50 }),
  });
  sim.writeKubeconfig(kubeconfig, { contextName: 'kind-shop' });
});

afterAll(async () => {
  detach();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface WebEndpoints {
  endpoints: { addresses: { ip: string }[]; notReadyAddresses: { ip: string }[] };
}

const WEB = '{ endpoints(namespace: "shop", service: "web") { addresses { ip } notReadyAddresses { ip } } }';

describe('endpoints-history run', () => {
  it('records the cluster of $KUBECONFIG, names it on the first line, serves what it records live, and closes coverage on SIGTERM', async () => {
    const db = join(dir, 'real.db');
    const child: CliProcess = spawnCli(['run', '--port', '0', '--db', db], {
      KUBECONFIG: kubeconfig,
      HOME: emptyHome,
    });
    try {
      await child.waitForLine(/^endpoints-history: /, 60_000);
      expect(child.stdoutLines()[0]).toBe(
        `endpoints-history: recording cluster "kind-shop" from ${kubeconfig} into ${db}`,
      );
      const url = await servedUrl(child);
      await child.waitForLine(/initial state recorded/);
      const before = await until(async () => {
        const data = (await graphql(url, WEB)).body.data as WebEndpoints | undefined;
        return data && data.endpoints.addresses.length === 2 ? data : undefined;
      });
      expect(before.endpoints.addresses.map((a) => a.ip).sort()).toEqual(['10.1.0.10', '10.1.0.11']);
      await child.waitForLine(/^ {2}\{ podsByIP\(ip: "10\.1\.0\.1[01]", from: "/);
      await child.waitForLine(/^ {2}curl /);
      const examples = child.stdoutLines().filter((l) => l.startsWith('  { '));
      expect(examples).toHaveLength(3);
      for (const query of examples)
        expect((await graphql(url, query.trim())).body.errors, query).toBeUndefined();

      const [pod] = cluster.deploymentPods('shop', 'web');
      cluster.setReady('shop', pod!, false);
      const after = await until(async () => {
        const data = (await graphql(url, WEB)).body.data as WebEndpoints | undefined;
        return data && data.endpoints.notReadyAddresses.length === 1 ? data : undefined;
      });
      expect(after.endpoints.addresses).toHaveLength(1);

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(Object.keys(((await health.json()) as { kinds: object }).kinds).sort()).toEqual([
        'EndpointSlice',
        'Endpoints',
        'Pod',
        'Service',
      ]);
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('eph_events_stored_total');

      expect(await child.stop('SIGTERM')).toBe(0);
    } finally {
      await child.stop('SIGKILL');
    }
    const rows = coverageRows(db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.ended_at === null)).toEqual([]);
    expect(rows.every((r) => r.end_reason === 'shutdown')).toBe(true);
  });

  it('records the built-in simulated cluster when there is no kubeconfig and no in-cluster config, and says so on its first line', async () => {
    const child = spawnCli(['run', '--port', '0', '--speed', '10'], {
      HOME: emptyHome,
      EPH_DB: join(emptyHome, 'endpoints-history.db'),
    });
    try {
      await child.waitForLine(/^endpoints-history: /, 60_000);
      expect(child.stdoutLines()[0]).toBe(SIMULATED_FIRST_LINE);
      const url = await servedUrl(child);
      await until(async () => {
        const { body } = await graphql(
          url,
          '{ endpoints(namespace: "default", service: "service-hello") { addresses { ip } } }',
        );
        const data = body.data as { endpoints: { addresses: unknown[] } } | undefined;
        return data && data.endpoints.addresses.length > 0 ? true : undefined;
      });
      expect(await child.stop('SIGINT')).toBe(0);
      // into the database the other commands find by default (here EPH_DB), not a temporary file
      expect(existsSync(join(emptyHome, 'endpoints-history.db'))).toBe(true);
    } finally {
      await child.stop('SIGKILL');
    }
  });

  it('records the simulated cluster under --cluster-name when one is given', async () => {
    const db = join(dir, 'named-sim.db');
    const child = spawnCli(['run', '--port', '0', '--speed', '10', '--db', db, '--cluster-name', 'lab'], {
      HOME: emptyHome,
    });
    try {
      const url = await servedUrl(child);
      const clusters = await until(async () => {
        const { body } = await graphql(url, '{ clusters }');
        const names = (body.data as { clusters: string[] } | undefined)?.clusters;
        return names && names.length > 0 ? names : undefined;
      });
      expect(clusters).toEqual(['lab']);
      await until(async () => {
        const { body } = await graphql(
          url,
          '{ endpoints(cluster: "lab", namespace: "default", service: "service-hello") { addresses { ip } } }',
        );
        const data = body.data as { endpoints: { addresses: unknown[] } } | undefined;
        return data && data.endpoints.addresses.length > 0 ? true : undefined;
      });
      expect(await child.stop('SIGINT')).toBe(0);
    } finally {
      await child.stop('SIGKILL');
    }
  });

  it.each([
    ['run', '--port', '0'],
    ['record', '--db', ':memory:'],
  ])('%s refuses a --kubeconfig that does not exist with one line and exit code 2', async (...command) => {
    const missing = join(dir, 'missing');
    const result = await cli([...command, '--kubeconfig', missing], Date.now());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`endpoints-history: kubeconfig not found: ${missing}\n`);
  });

  it('refuses a database written by a newer version with one line and exit code 2, though the recorder thread is the one that opens it', async () => {
    const db = join(dir, 'newer.db');
    openDatabase(db).close();
    const newer = new Database(db);
    newer.exec(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)`,
    );
    newer.close();
    const result = await cli(['run', '--port', '0', '--kubeconfig', kubeconfig, '--db', db], Date.now());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('(EPH_ERR_DB_NEWER)');
  });

  it('refuses a bad --port and a bad --speed with one line and exit code 2, before starting anything', async () => {
    const port = await cli(['run', '--port', '70000'], Date.now());
    expect([port.code, port.stdout, port.stderr.split('\n').length]).toEqual([2, '', 2]);
    expect(port.stderr).toContain('invalid --port: 70000');
    const speed = await cli(['demo', '--speed', '0'], Date.now());
    expect([speed.code, speed.stdout, speed.stderr]).toEqual([
      2,
      '',
      'endpoints-history: invalid --speed: 0 (expected a number above 0, at most 100)\n',
    ]);
  });
});
