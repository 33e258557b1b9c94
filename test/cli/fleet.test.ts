import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordFleet, SHARED_IP } from '../query/fleetScenario.js';
import { incidentCli } from './helpers.js';

const { run } = incidentCli(recordFleet);
afterEach(() => {
  vi.unstubAllEnvs();
});

const oneLine = (s: string) => s.endsWith('\n') && s.split('\n').length === 2;

/** Every command that answers a question about one cluster. */
const QUESTIONS = [
  ['get', 'endpoints'],
  ['get', 'endpoints', 'service-hello'],
  ['get', 'pods'],
  ['describe', 'endpoints', 'service-hello'],
  ['history', 'service', 'service-hello'],
  ['diff', 'endpoints', 'service-hello', 'now-1h', 'now'],
  ['export', '--service', 'default/service-hello'],
];

describe('the CLI over a store holding two clusters', () => {
  it('refuses a question without --cluster with exit 2 and one line listing the clusters', async () => {
    for (const argv of QUESTIONS) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toBe(
        'endpoints-history: the database holds 2 clusters (prod-eu, prod-us); name one with cluster (EPH_ERR_AMBIGUOUS_CLUSTER)\n',
      );
    }
  });

  it('refuses a cluster never recorded (a typo, a wrong case) with exit 2 and one line listing the recorded ones', async () => {
    for (const name of ['prod-ap', 'PROD-EU', 'prod-eu ']) {
      for (const argv of [...QUESTIONS, ['who-had-ip', SHARED_IP]]) {
        const r = await run(...argv, '--cluster', name);
        expect(r.code, `${argv.join(' ')} --cluster ${name}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(oneLine(r.stderr)).toBe(true);
        expect(r.stderr).toContain(`no history recorded for cluster "${name}" (recorded: prod-eu, prod-us)`);
        expect(r.stderr).toContain('(EPH_ERR_UNKNOWN_CLUSTER)');
      }
    }
  });

  it('answers each cluster from its own history, named by --cluster or EPH_CLUSTER', async () => {
    const eu = await run('get', 'endpoints', 'service-hello', '--cluster', 'prod-eu');
    expect(eu.code).toBe(0);
    expect(eu.stdout).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nservice-hello\s+10\.244\.1\.23:8080\s+/);
    vi.stubEnv('EPH_CLUSTER', 'prod-us');
    const pods = await run('get', 'pods');
    expect(pods.code).toBe(0);
    expect(pods.stdout).toContain('hello-us');
    expect(pods.stdout).not.toContain('hello-eu');
    // the flag beats the environment
    const flag = await run('get', 'pods', '--cluster', 'prod-eu');
    expect(flag.stdout).toContain('hello-eu');
    expect(flag.stdout).not.toContain('hello-us');
  });

  it('names the cluster in the evidence pack, in Markdown and in JSON', async () => {
    const md = await run(
      'export',
      '--service',
      'default/service-hello',
      '--cluster',
      'prod-us',
      '--from',
      '-2h',
    );
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| Cluster | prod-us |');
    expect(md.stdout).toContain('in cluster `prod-us`');
    const json = await run(
      'export',
      '--service',
      'default/service-hello',
      '--cluster',
      'prod-eu',
      '--from',
      '-2h',
      '--format',
      'json',
    );
    const pack = JSON.parse(json.stdout);
    expect(pack.cluster).toBe('prod-eu');
    expect(pack.timeline.cluster).toBe('prod-eu');
    // the IP map is the service's cluster's: prod-us's holder of the same IP is not in it
    expect(pack.ipMap.map((h: { pod: string }) => h.pod)).toEqual(['hello-eu']);
  });

  it('searches every cluster in who-had-ip without --cluster, a CLUSTER column saying whose pod', async () => {
    const r = await run('who-had-ip', SHARED_IP);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLUSTER\s+POD\s+NAMESPACE\s+NODE\s+FROM\s+TO$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ['prod-eu', 'hello-eu'],
      ['prod-us', 'hello-us'],
    ]);
    const json = JSON.parse((await run('who-had-ip', SHARED_IP, '-o', 'json')).stdout);
    expect(json.map((h: { cluster: string }) => h.cluster)).toEqual(['prod-eu', 'prod-us']);
    const one = await run('who-had-ip', SHARED_IP, '--cluster', 'prod-us');
    expect(one.stdout).toMatch(/^POD\s+NAMESPACE/);
    expect(one.stdout).toContain('hello-us');
    expect(one.stdout).not.toContain('hello-eu');
  });

  it('says which cluster was not recorded when a fleet search falls in one cluster’s gap', async () => {
    const r = await run('who-had-ip', SHARED_IP, '--at', '2026-03-01T02:15:00Z');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'incomplete — recording gap prod-us Pod 2026-03-01T02:10:00Z–2026-03-01T02:20:00Z (network)',
    );
    expect(r.stdout).toContain('hello-eu');
    // before anything was recorded in either cluster: unknown, not "no pod"
    const before = await run('who-had-ip', SHARED_IP, '--at', '2026-03-01T00:30:00Z');
    expect(before.code).toBe(3);
    expect(before.stderr).toContain('prod-eu Pod');
    expect(before.stderr).toContain('prod-us Pod');
  });
});
