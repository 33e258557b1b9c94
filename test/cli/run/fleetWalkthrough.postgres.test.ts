import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { postgresBinDir } from '../../../scripts/throwawayPostgres.js';
import { type SimCluster, startSimCluster } from '../../../src/sim/cluster/index.js';
import { type SimServer, SimStore, simKubeconfigYaml, startSimServer } from '../../../src/sim/index.js';
import { IpAllocator } from '../../../src/sim/objects/index.js';
import { packageRoot } from '../../../src/util/packageRoot.js';
import { tempDir } from '../../helpers/k8s.js';
import { postgresServerUrl, withServerLock } from '../../helpers/postgres.js';
import { type CliProcess, COMPILED_CLI, graphql, servedUrl, spawnCli, until } from './spawnCli.js';

/**
 * docs/fleet.md's walkthrough, "From a running PostgreSQL to two clusters in one query", typed as the
 * page says: its shell blocks run in bash (with `db:5432` pointing at the test server), its
 * `record` and `serve` lines are started as written, with the compiled CLI as `endpoints-history`
 * on the PATH; two simulated clusters play kind's prod-eu and prod-us.
 */
const DOC = readFileSync(join(packageRoot(), 'docs', 'fleet.md'), 'utf8');
const WALKTHROUGH = DOC.slice(
  DOC.indexOf('## From a running PostgreSQL to two clusters in one query'),
  DOC.indexOf('## In Kubernetes'),
);
/** The walkthrough's code block holding `text`, with the server the tests run in place of `db:5432`. */
function block(text: string): string {
  const blocks = [...WALKTHROUGH.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => m[2]!);
  const found = blocks.filter((b) => b.includes(text));
  expect(found, `one block of docs/fleet.md's walkthrough holds ${text}`).toHaveLength(1);
  return found[0]!.replaceAll('db:5432', new URL(postgresServerUrl()).host);
}
/** The `endpoints-history …` command lines of a shell block, as argv (no quoting in them). */
function commandLines(shell: string): string[][] {
  return shell
    .replaceAll('\\\n', ' ')
    .split('\n')
    .filter((l) => l.startsWith('endpoints-history '))
    .map((l) =>
      l
        .replace(/\s*&\s*$/, '')
        .split(/\s+/)
        .slice(1),
    );
}

const dir = tempDir();
const kubeconfig = join(dir, 'kubeconfig');
const bin = join(dir, 'bin');
const PATH = `${bin}:${postgresBinDir()}:${process.env.PATH ?? ''}`;
const sims: { server: SimServer; cluster: SimCluster; detach: () => void }[] = [];
const children: CliProcess[] = [];
let apiUrl: string;

/** Runs a shell block of the page in bash, as a user pasting it would (stops at the first failure). */
async function sh(script: string, cwd = packageRoot()): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-e', '-c', script], {
    cwd,
    env: { PATH, HOME: dir },
    encoding: 'utf8',
  });
  return stdout;
}

const start = (argv: string[]) => {
  const child = spawnCli(argv, { KUBECONFIG: kubeconfig, HOME: dir }, { compiled: true });
  children.push(child);
  return child;
};

/** The names of the clusters whose every kind is recording now. */
async function recording(): Promise<string[]> {
  const { body } = await graphql(apiUrl, '{ fleet { name kinds { kind recording } } }');
  const fleet = (body.data as { fleet: { name: string; kinds: { recording: boolean }[] }[] } | undefined)
    ?.fleet;
  return (fleet ?? [])
    .filter((c) => c.kinds.length === 4 && c.kinds.every((k) => k.recording))
    .map((c) => c.name);
}

const dnsQuery = (cluster: string, at?: number) =>
  `endpoints(cluster: "${cluster}", namespace: "kube-system", service: "kube-dns"${at === undefined ? '' : `, at: ${at}`}) { complete addresses { ip } }`;
const ipsOf = (set: { addresses: { ip: string }[] }) => set.addresses.map((a) => a.ip).sort();

beforeAll(async () => {
  // two clusters whose pods take IPs from the same range, as two kind clusters do
  const configs = [];
  for (const name of ['prod-eu', 'prod-us']) {
    const store = new SimStore();
    const server = await startSimServer(store);
    const { cluster, detach } = startSimCluster(store, { sleep: async () => {} });
    cluster.createService({
      namespace: 'kube-system',
      name: 'kube-dns',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [{ port: 53 }],
    });
    await cluster.createDeployment({
      namespace: 'kube-system',
      name: 'coredns',
      replicas: 2,
      labels: { 'k8s-app': 'kube-dns' },
      containerPort: 53,
      nodes: [cluster.nodes[0]!],
      ipAllocator: new IpAllocator({ first: '10.244.0.5', size: 20 }),
    });
    sims.push({ server, cluster, detach });
    configs.push(parse(simKubeconfigYaml({ server: server.url, contextName: `kind-${name}` })));
  }
  // one kubeconfig with both contexts, as kind leaves ~/.kube/config
  writeFileSync(
    kubeconfig,
    stringify({
      ...configs[0],
      clusters: configs.flatMap((c) => c.clusters),
      users: configs.flatMap((c) => c.users),
      contexts: configs.flatMap((c) => c.contexts),
    }),
    { mode: 0o600 },
  );
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'endpoints-history'),
    `#!/bin/sh\nexec "${process.execPath}" "${COMPILED_CLI}" "$@"\n`,
  );
  chmodSync(join(bin, 'endpoints-history'), 0o755);
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  for (const s of sims) {
    s.detach();
    await s.server.stop();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/fleet.md: from a running PostgreSQL to two clusters in one query', () => {
  it('records two clusters at once through the least-privilege roles and answers both in one GraphQL query', async () => {
    // 1-3: the database, the roles (the server's roles are shared: one test file at a time), the schema
    await sh(block('CREATE DATABASE'));
    await withServerLock(() => sh(block('roles.sql')));
    expect(await sh(block('endpoints-history migrate'))).toMatch(/schema version \d+/);

    // 4: two recorders at once, 5: the API as the read-only role
    const recorders = commandLines(block('endpoints-history record'));
    expect(recorders).toHaveLength(2);
    expect(block('endpoints-history record')).toContain('export KUBECONFIG=');
    for (const argv of recorders) start(argv);
    const [serve] = commandLines(block('endpoints-history serve'));
    expect(serve).toContain('--port');
    const api = start(serve!.map((a, i) => (serve![i - 1] === '--port' ? '0' : a)));
    apiUrl = await servedUrl(api, 60_000);
    await until(async () => (await recording()).length === 2, 60_000);
    expect((await recording()).sort()).toEqual(['prod-eu', 'prod-us']);

    // 6: the page's query, sent as its curl sends it (GET, URL-encoded)
    const curl = block('curl');
    expect(curl).toMatch(/curl -s localhost:4000\/graphql -G --data-urlencode 'query=/);
    const query = /--data-urlencode 'query=([\s\S]*?)'\n/.exec(curl)![1]!;
    const res = await fetch(`${apiUrl}/graphql?${new URLSearchParams({ query })}`);
    const body = (await res.json()) as {
      data: {
        clusters: string[];
        fleet: { name: string; alive: boolean }[];
        podsByIP: { cluster: string; ip: string; pod: { namespace: string } }[];
      };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(body.data.clusters.sort()).toEqual(['prod-eu', 'prod-us']);
    expect(body.data.fleet.map((c) => [c.name, c.alive]).sort()).toEqual([
      ['prod-eu', true],
      ['prod-us', true],
    ]);
    // the same IP in both clusters: the answer says whose pod each interval was
    expect(body.data.podsByIP.map((p) => [p.cluster, p.ip, p.pod.namespace]).sort()).toEqual([
      ['prod-eu', '10.244.0.5', 'kube-system'],
      ['prod-us', '10.244.0.5', 'kube-system'],
    ]);

    // the page's question about one cluster, as written
    const one = await graphql(apiUrl, block('endpoints(cluster: "prod-eu"'));
    expect(one.body.errors).toBeUndefined();
    const eu = (one.body.data as { endpoints: { complete: boolean; addresses: { ip: string }[] } }).endpoints;
    expect([eu.complete, ipsOf(eu)]).toEqual([true, ['10.244.0.5', '10.244.0.6']]);

    // endpoints at a time: prod-eu scales up afterwards; both clusters in one query, then and now
    const before = Date.now();
    await sims[0]!.cluster.scaleDeployment('kube-system', 'coredns', 3);
    const both = async (at?: number) => {
      const r = await graphql(apiUrl, `{ eu: ${dnsQuery('prod-eu', at)} us: ${dnsQuery('prod-us', at)} }`);
      expect(r.body.errors).toBeUndefined();
      const d = r.body.data as Record<'eu' | 'us', { complete: boolean; addresses: { ip: string }[] }>;
      return { eu: ipsOf(d.eu), us: ipsOf(d.us), complete: d.eu.complete && d.us.complete };
    };
    await until(async () => (await both()).eu.length === 3, 20_000);
    expect(await both(before)).toEqual({
      eu: ['10.244.0.5', '10.244.0.6'],
      us: ['10.244.0.5', '10.244.0.6'],
      complete: true,
    });
    expect(await both()).toEqual({
      eu: ['10.244.0.5', '10.244.0.6', '10.244.0.7'],
      us: ['10.244.0.5', '10.244.0.6'],
      complete: true,
    });

    // the CLI as the read-only role, as the page types it
    const out = await sh(block('who-had-ip'), dir);
    expect(out).toMatch(/^CLUSTER\s+/m);
    expect(out).toMatch(/^prod-eu\s+.*kube-system/m);
    expect(out).toMatch(/^prod-us\s+.*kube-system/m);
    expect(out).toMatch(/^kube-dns\s+10\.244\.0\.5:53,10\.244\.0\.6:53\s/m);
    expect(readFileSync(join(dir, 'evidence.md'), 'utf8')).toContain('prod-eu');
  }, 120_000);

  it('refuses a second recorder of a cluster (EPH_ERR_DB_LOCKED, exit 2) and never blocks another cluster', async () => {
    const [eu] = commandLines(block('endpoints-history record'));
    const second = start(eu!);
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toMatch(/cluster prod-eu .* is being written by `endpoints-history record/);
    expect(second.stderr()).toMatch(/\(EPH_ERR_DB_LOCKED\)\n$/);
    // a third cluster (here: prod-us's API under another name) starts beside the two running
    const third = start(
      eu!.map((a) => (a === 'kind-prod-eu' ? 'kind-prod-us' : a === 'prod-eu' ? 'prod-ap' : a)),
    );
    await until(async () => (await recording()).includes('prod-ap'), 60_000);
    expect((await recording()).sort()).toEqual(['prod-ap', 'prod-eu', 'prod-us']);
    expect(await third.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
