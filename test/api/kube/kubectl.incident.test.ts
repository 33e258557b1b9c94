import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/helpers.js';
import { tempDir } from '../../helpers/k8s.js';
import { type KubectlResult, kubectlRunner } from '../../helpers/kubectl.js';
import { INCIDENT_NOW } from '../../query/incidentRecording.js';
import { type KubeApp, kubeApp } from './kubeHarness.js';

/**
 * The incident recording (a 1200-endpoint service, a slice-less legacy service, a slice gap 02:25–02:27,
 * the recording ended at 02:50) served over real HTTP, replays paced by a sleep that returns at once;
 * the real kubectl pointed at it by `kubeconfig --at T`.
 */
let k: KubeApp;
let dir: string;
let server: string;
beforeAll(async () => {
  k = await kubeApp({ ended: true });
  await k.app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(k.app.server.address() as AddressInfo).port}`;
  dir = tempDir();
});
afterAll(() => k.close());

async function kubectlAt(at: string): Promise<(...args: string[]) => Promise<KubectlResult>> {
  const r = await cli(['kubeconfig', '--at', at, '--cluster', 'test', '--server', server], INCIDENT_NOW);
  const path = join(dir, `${at.replaceAll(':', '')}.yaml`);
  writeFileSync(path, r.stdout);
  return kubectlRunner(path, join(dir, 'cache'));
}
const ours = (at: string, ...args: string[]) =>
  cli([...args, '--db', k.store.db.name, '--at', at], INCIDENT_NOW);

describe('kubectl on the incident recording', () => {
  it('prints get endpoints as the CLI does, the 1200-endpoint service complete and the slice-less one from v1 Endpoints', async () => {
    const kubectl = await kubectlAt('2026-03-01T02:15:10Z');
    const theirs = await kubectl('get', 'endpoints');
    expect([theirs.code, theirs.stderr]).toEqual([0, '']);
    expect(theirs.stdout).toContain('+ 1197 more...');
    expect(theirs.stdout).toContain('legacy          10.244.3.5:8080');
    expect(theirs.stdout).toBe((await ours('2026-03-01T02:15:10Z', 'get', 'endpoints')).stdout);
  });

  it('warns on stderr in a recording gap, naming it, and prints what was last recorded on stdout, as the CLI', async () => {
    const kubectl = await kubectlAt('2026-03-01T02:26:00Z');
    const eps = await kubectl('get', 'endpoints', '-A');
    expect(eps.code).toBe(0);
    expect(eps.stderr).toBe(
      'Warning: endpoints-history: endpoints in all namespaces at 2026-03-01T02:26:00.000Z may be missing or out of date: not recorded (EndpointSlice 2026-03-01T02:25:00.000Z to 2026-03-01T02:27:00.000Z (stream-broken)); shown as last recorded\n',
    );
    expect(eps.stdout).toBe((await ours('2026-03-01T02:26:00Z', 'get', 'endpoints', '-A')).stdout);
    const slices = await kubectl('get', 'endpointslices');
    expect(slices.stderr).toContain(
      'Warning: endpoints-history: endpointslices.discovery.k8s.io in namespace default',
    );
    expect(slices.stdout).toContain('service-hello-x7k2p');
    // the pods were recorded all along: no warning
    expect((await kubectl('get', 'pods')).stderr).toBe('');
  });

  it('replays the pod changes after T with -w and exits where the recording ended', async () => {
    const kubectl = await kubectlAt('2026-03-01T02:15:10Z');
    const r = await kubectl('get', 'pods', '-w', '--output-watch-events');
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/).slice(0, 4).join(' ')),
    ).toEqual([
      'EVENT NAME READY STATUS',
      'ADDED hello-7d9f-bbbbb 0/1 Running',
      'ADDED hello-7d9f-ccccc 1/1 Running',
      'ADDED hello-7d9f-ddddd 1/1 Running',
      'ADDED hello-8e0a-eeeee 1/1 Running',
      'MODIFIED hello-7d9f-bbbbb 1/1 Running',
      'ADDED hello-8e0a-fffff 0/1 Running',
      'MODIFIED hello-8e0a-fffff 1/1 Running',
    ]);
    // original spacing, divided by nothing: 20 s, 4 min 30 s, 5 s
    expect(k.slept).toEqual([20_000, 270_000, 5_000]);
  });
});
