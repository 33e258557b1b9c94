import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline, tempDbPath, tempDir } from '../helpers/k8s.js';
import { INCIDENT_NOW, t } from '../query/incidentRecording.js';
import { cli, incidentCli } from './helpers.js';

const { run } = incidentCli();
afterEach(() => {
  vi.unstubAllEnvs();
});

// biome-ignore lint/suspicious/noExplicitAny: the kubeconfig is asserted field by field
const config = (stdout: string): any => parse(stdout);
const servers = (stdout: string): string[] =>
  config(stdout).clusters.map((c: { cluster: { server: string } }) => c.cluster.server);

function tokenFile(token: string): string {
  const path = join(tempDir(), 'token');
  writeFileSync(path, `${token}\n`);
  return path;
}

describe('kubeconfig --at T', () => {
  it('points one context per recorded cluster at the kube API as of T on the default server', async () => {
    const r = await run('kubeconfig', '--at', '2026-03-01T02:15:10Z');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(
      r.stdout.startsWith('# endpoints-history: the read-only kube API as of 2026-03-01T02:15:10.000Z'),
    ).toBe(true);
    const doc = config(r.stdout);
    expect(doc).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'test@2026-03-01T02:15:10.000Z',
      users: [{ name: 'endpoints-history', user: {} }],
    });
    expect(servers(r.stdout)).toEqual([
      'http://127.0.0.1:4000/kube/clusters/test/at/2026-03-01T02:15:10.000Z',
    ]);
  });

  it('fixes a relative time once, keeps `now` live, and carries the replay speed in the path', async () => {
    expect(servers((await run('kubeconfig', '--at', '-2h')).stdout)[0]).toContain(
      `/at/${new Date(INCIDENT_NOW - 2 * 3_600_000).toISOString()}`,
    );
    expect(servers((await run('kubeconfig', '--at', 'now')).stdout)[0]).toBe(
      'http://127.0.0.1:4000/kube/clusters/test/at/now',
    );
    expect(
      servers(
        (
          await run(
            'kubeconfig',
            '--at',
            '1772331310000',
            '--replay-speed',
            '10',
            '--server',
            'https://eph.example/base/',
          )
        ).stdout,
      ),
    ).toEqual(['https://eph.example/base/kube/clusters/test/at/2026-03-01T02:15:10.000Z/speed/10']);
  });

  it('needs no database with --cluster, and writes one context per cluster of a database that holds several', async () => {
    const one = await cli(
      ['kubeconfig', '--cluster', 'prod/eu', '--at', '2026-03-01T02:00:00Z', '--db', '/nowhere.db'],
      INCIDENT_NOW,
    );
    expect(one.code).toBe(0);
    expect(servers(one.stdout)).toEqual([
      'http://127.0.0.1:4000/kube/clusters/prod%2Feu/at/2026-03-01T02:00:00.000Z',
    ]);
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    for (const cluster of ['b', 'a']) {
      const tl = new Timeline(t('02:00:00'), cluster);
      tl.put(store, t('02:00:00'), (x) =>
        x.obs('Pod', 'ADDED', rawPod({ uid: `p-${cluster}`, name: 'p', ips: ['10.0.0.1'] })),
      );
    }
    store.close();
    const both = await cli(['kubeconfig', '--at', '2026-03-01T02:00:00Z', '--db', path], INCIDENT_NOW);
    const doc = config(both.stdout);
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual([
      'a@2026-03-01T02:00:00.000Z',
      'b@2026-03-01T02:00:00.000Z',
    ]);
    expect(doc['current-context']).toBe('a@2026-03-01T02:00:00.000Z');
  });

  it('carries the token: as a bearer token, and in a plain-HTTP server URL, where kubectl sends nothing else', async () => {
    const file = tokenFile('t0k/en');
    const http = config((await run('kubeconfig', '--at', 'now', '--auth-token-file', file)).stdout);
    expect(http.users[0].user).toEqual({ token: 't0k/en' });
    expect(http.clusters[0].cluster.server).toBe(
      'http://endpoints-history:t0k%2Fen@127.0.0.1:4000/kube/clusters/test/at/now',
    );
    const https = config(
      (await run('kubeconfig', '--at', 'now', '--auth-token-file', file, '--server', 'https://eph.example'))
        .stdout,
    );
    expect(https.clusters[0].cluster.server).toBe('https://eph.example/kube/clusters/test/at/now');
    expect(https.users[0].user).toEqual({ token: 't0k/en' });
  });

  it('reads every flag from its environment variable too', async () => {
    vi.stubEnv('EPH_AT', '2026-03-01T02:15:10Z');
    vi.stubEnv('EPH_SERVER', 'http://10.1.2.3:8080');
    vi.stubEnv('EPH_REPLAY_SPEED', '2.5');
    vi.stubEnv('EPH_CLUSTER', 'other');
    vi.stubEnv('EPH_AUTH_TOKEN_FILE', tokenFile('tok'));
    const r = await cli(['kubeconfig'], INCIDENT_NOW);
    expect(servers(r.stdout)).toEqual([
      'http://endpoints-history:tok@10.1.2.3:8080/kube/clusters/other/at/2026-03-01T02:15:10.000Z/speed/2.5',
    ]);
  });

  it('answers a bad flag with one line and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--at', 'yesterday'], 'bad time "yesterday"'],
      [['--replay-speed', '0'], '--replay-speed: bad replay speed "0"'],
      [['--replay-speed', 'fast'], '--replay-speed: bad replay speed "fast"'],
      [['--replay-speed', '1e9'], '--replay-speed: bad replay speed "1e9"'],
      [['--server', 'ftp://x'], '--server ftp://x: the scheme must be http or https'],
      [['--server', 'not a url'], '--server not a url is not a URL'],
      [['--server', 'http://u:p@h:1'], 'give scheme, host, port and path only'],
      [['--server', 'http://h:1/?q=1'], 'give scheme, host, port and path only'],
      [['--auth-token-file', '/no/such/file'], 'cannot read --auth-token-file /no/such/file'],
    ];
    for (const [flags, message] of cases) {
      const r = await run('kubeconfig', ...flags);
      expect([flags, r.code, r.stdout]).toEqual([flags, 2, '']);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toContain(message);
    }
    const missing = await cli(['kubeconfig', '--db', join(tempDir(), 'none.db')], INCIDENT_NOW);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('EPH_ERR_DB_MISSING')]);
  });
});
