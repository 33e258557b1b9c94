import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SimCluster, startSimCluster } from '../../../src/sim/cluster/index.js';
import { type SimServer, SimStore, startSimServer } from '../../../src/sim/index.js';
import { IpAllocator } from '../../../src/sim/objects/index.js';
import { SqliteStore } from '../../../src/store/index.js';
import { kubeConfigAuth, Recorder } from '../../../src/watch/index.js';
import { loadKubeConfig } from '../../../src/watch/kubeConfig.js';
import { tempDir } from '../../helpers/k8s.js';
import { cli } from '../helpers.js';
import { graphql, servedUrl, spawnCli, until } from './spawnCli.js';

const dir = tempDir();
const db = join(dir, 'eph.db');
const tokenFile = join(dir, 'token');
let sim: SimServer;
let cluster: SimCluster;
let detach: () => void;
let store: SqliteStore;
let recorder: Recorder;

beforeAll(async () => {
  const simStore = new SimStore();
  sim = await startSimServer(simStore);
  ({ cluster, detach } = startSimCluster(simStore, { sleep: async () => {} }));
  cluster.createService({
    namespace: 'default',
    name: 'api',
    selector: { app: 'api' },
    ports: [{ port: 80 }],
  });
  await cluster.createDeployment({
    namespace: 'default',
    name: 'api',
    replicas: 1,
    labels: { app: 'api' },
    containerPort: 80,
    nodes: ['node-1'],
    ipAllocator: new IpAllocator({ first: '10.2.0.5', size: 10 }),
  });
  const kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  store = SqliteStore.open(db);
  recorder = new Recorder({
    auth: kubeConfigAuth(loadKubeConfig({ kubeconfig })!.kc),
    store,
    cluster: 'sim',
    options: { flushMs: 10 },
  });
  recorder.start();
  writeFileSync(tokenFile, 's3cret\n');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await recorder.stop();
  store.close();
  detach();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const API = '{ endpoints(namespace: "default", service: "api") { addresses { ip } } }';
const ips = (data: unknown): string[] =>
  ((data as { endpoints?: { addresses: { ip: string }[] } } | undefined)?.endpoints?.addresses ?? []).map(
    (a) => a.ip,
  );

describe('endpoints-history serve', () => {
  it('serves a database that another process is recording into, with bearer-token auth, and exits 0 on SIGTERM', async () => {
    const child = spawnCli(['serve', '--db', db, '--port', '0', '--auth-token-file', tokenFile]);
    try {
      const url = await servedUrl(child, 60_000);
      expect(child.stdoutLines()[0]).toMatch(
        new RegExp(
          `^endpoints-history: serving ${db} read-only; GraphiQL at http://127\\.0\\.0\\.1:\\d+/graphiql$`,
        ),
      );
      const auth = { authorization: 'Bearer s3cret' };
      expect((await graphql(url, API)).status).toBe(401);
      await until(async () => ips((await graphql(url, API, auth)).body.data).length === 1);
      expect(ips((await graphql(url, API, auth)).body.data)).toEqual(['10.2.0.5']);

      await cluster.scaleDeployment('default', 'api', 2);
      await until(async () => ips((await graphql(url, API, auth)).body.data).length === 2);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await child.stop('SIGTERM')).toBe(0);
    } finally {
      await child.stop('SIGKILL');
    }
  });

  it('refuses a missing database with one line and exit code 2', async () => {
    const missing = join(dir, 'nope.db');
    const result = await cli(['serve', '--db', missing, '--port', '0'], Date.now());
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `endpoints-history: database ${missing} does not exist (EPH_ERR_DB_MISSING)\n`,
    });
  });

  it('refuses an --auth-token-file that is missing or empty with one line and exit code 2', async () => {
    const missing = await cli(
      ['serve', '--db', db, '--port', '0', '--auth-token-file', join(dir, 'none')],
      Date.now(),
    );
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `endpoints-history: cannot read --auth-token-file ${join(dir, 'none')} (ENOENT)\n`,
    ]);
    const emptyFile = join(dir, 'empty');
    writeFileSync(emptyFile, ' \n');
    const empty = await cli(['serve', '--db', db, '--port', '0', '--auth-token-file', emptyFile], Date.now());
    expect([empty.code, empty.stderr]).toEqual([
      2,
      `endpoints-history: --auth-token-file ${emptyFile} is empty\n`,
    ]);
  });

  it('refuses an empty token setting, by flag or environment, instead of serving without a token', async () => {
    const line =
      'endpoints-history: --auth-token-file (EPH_AUTH_TOKEN_FILE) is empty: name the file holding the token, or leave the setting out to serve without a token\n';
    const flag = await cli(['serve', '--db', db, '--port', '0', '--auth-token-file='], Date.now());
    expect([flag.code, flag.stderr]).toEqual([2, line]);
    vi.stubEnv('EPH_AUTH_TOKEN_FILE', '');
    const env = await cli(['serve', '--db', db, '--port', '0'], Date.now());
    expect([env.code, env.stderr]).toEqual([2, line]);
  });

  it('refuses a token file with whitespace inside the token, and an EPH_METRICS_PUBLIC that is not a boolean', async () => {
    const twoWords = join(dir, 'two-words');
    writeFileSync(twoWords, 'abc def\n');
    const spaced = await cli(['serve', '--db', db, '--port', '0', '--auth-token-file', twoWords], Date.now());
    expect(spaced.code).toBe(2);
    vi.stubEnv('EPH_METRICS_PUBLIC', 'maybe');
    const maybe = await cli(['serve', '--db', db, '--port', '0'], Date.now());
    expect([maybe.code, maybe.stderr]).toEqual([
      2,
      'endpoints-history: invalid EPH_METRICS_PUBLIC: maybe (expected true or false)\n',
    ]);
  });
});
