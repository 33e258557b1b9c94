import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimServer, SimStore, startSimServer } from '../../src/sim/index.js';
import { kubectlBinary } from '../helpers/kubectl.js';

const run = promisify(execFile);

const T0 = Date.parse('2025-06-01T10:00:00Z');

function readyPod(name: string, ip: string) {
  return {
    metadata: { name, namespace: 'shop', labels: { app: 'web' } },
    spec: { nodeName: 'node-a', containers: [{ name: 'web' }] },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'web',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: '2025-06-01T10:00:00Z' } },
        },
      ],
    },
  };
}

describe('real kubectl against the simulator', () => {
  let server: SimServer;
  let store: SimStore;
  let dir: string;
  const kubectl = async (...args: string[]) => {
    const { stdout, stderr } = await run(
      kubectlBinary(),
      ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args],
      {
        timeout: 20_000,
      },
    );
    return { stdout, stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eph-'));
    store = new SimStore({ now: () => T0 });
    store.put('Service', {
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      },
    });
    const ips = [1, 2, 3, 4, 5].map((i) => `10.244.1.${i}`);
    for (const [i, ip] of ips.entries()) store.put('Pod', readyPod(`web-${i + 1}`, ip));
    store.put('Endpoints', {
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      subsets: [
        {
          addresses: ips.map((ip, i) => ({
            ip,
            nodeName: 'node-a',
            targetRef: { kind: 'Pod', namespace: 'shop', name: `web-${i + 1}` },
          })),
          notReadyAddresses: [{ ip: '10.244.2.9', nodeName: 'node-b' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    store.put('Endpoints', { metadata: { name: 'empty', namespace: 'other' } });
    // No token: client-go's clientcmd never sends credentials to a plain-http server.
    server = await startSimServer(store, { now: () => T0 + 2 * 60 * 60 * 1000 });
    server.writeKubeconfig(join(dir, 'config'), { contextName: 'sim' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints `get endpoints -A` with namespaces, the first three ip:port and "+ 2 more..."', async () => {
    const { stdout, stderr } = await kubectl('get', 'endpoints', '-A');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+ENDPOINTS\s+AGE$/);
    expect(lines[1]).toMatch(/^other\s+empty\s+<none>\s+120m$/);
    expect(lines[2]).toMatch(
      /^shop\s+web\s+10\.244\.1\.1:8080,10\.244\.1\.2:8080,10\.244\.1\.3:8080 \+ 2 more\.\.\.\s+120m$/,
    );
    expect(stderr).toContain(
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    );
    expect(server.requests.some((r) => r.path === '/api/v1/endpoints' && r.query.limit === '500')).toBe(true);
  });

  it('prints `get endpoints NAME -n NS`', async () => {
    const { stdout } = await kubectl('get', 'endpoints', 'web', '-n', 'shop');
    expect(stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^NAME\s+ENDPOINTS\s+AGE$/),
      expect.stringMatching(
        /^web\s+10\.244\.1\.1:8080,10\.244\.1\.2:8080,10\.244\.1\.3:8080 \+ 2 more\.\.\.\s+120m$/,
      ),
    ]);
  });

  it('describes endpoints with subsets, ready and not-ready addresses and ports', async () => {
    const { stdout } = await kubectl('describe', 'endpoints', 'web', '-n', 'shop');
    expect(stdout).toMatch(/^Name:\s+web$/m);
    expect(stdout).toMatch(/^Namespace:\s+shop$/m);
    expect(stdout).toMatch(/^Labels:\s+app=web$/m);
    expect(stdout).toMatch(/^Subsets:$/m);
    expect(stdout).toMatch(
      /^\s+Addresses:\s+10\.244\.1\.1,10\.244\.1\.2,10\.244\.1\.3,10\.244\.1\.4,10\.244\.1\.5$/m,
    );
    expect(stdout).toMatch(/^\s+NotReadyAddresses:\s+10\.244\.2\.9$/m);
    expect(stdout).toMatch(/^\s+Name\s+Port\s+Protocol$/m);
    expect(stdout).toMatch(/^\s+http\s+8080\s+TCP$/m);
    expect(stdout).toMatch(/^Events:\s+<none>$/m);
  });

  it('prints `get pods` with readiness, status, restarts and age', async () => {
    const { stdout } = await kubectl('get', 'pods', '-n', 'shop');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.slice(1)).toHaveLength(5);
    expect(lines[1]).toMatch(/^web-1\s+1\/1\s+Running\s+0\s+120m$/);
    const wide = await kubectl('get', 'pods', '-n', 'shop', '-o', 'wide');
    expect(wide.stdout.split('\n')[1]).toMatch(
      /^web-1\s+1\/1\s+Running\s+0\s+120m\s+10\.244\.1\.1\s+node-a\s+<none>\s+<none>$/,
    );
  });

  it('streams a change with `get pods -w`', async () => {
    const child = spawn(kubectlBinary(), [
      '--kubeconfig',
      join(dir, 'config'),
      '--cache-dir',
      join(dir, 'cache'),
      'get',
      'pods',
      '-n',
      'shop',
      '-w',
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    try {
      const waitFor = async (re: RegExp) => {
        const until = Date.now() + 15_000;
        while (!re.test(out)) {
          if (Date.now() > until) throw new Error(`kubectl printed:\n${out}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await waitFor(/^web-5\s/m);
      const watching = Date.now() + 10_000;
      while (server.openWatches() === 0 && Date.now() < watching) await new Promise((r) => setTimeout(r, 20));
      store.put('Pod', {
        metadata: { name: 'web-6', namespace: 'shop', labels: { app: 'web' } },
        spec: { containers: [{ name: 'web' }] },
        status: { phase: 'Pending' },
      });
      await waitFor(/^web-6\s+0\/1\s+Pending\s+0\s+120m$/m);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
