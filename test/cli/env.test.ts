import { afterEach, describe, expect, it, vi } from 'vitest';
import { incidentCli } from './helpers.js';

const { run } = incidentCli();

/** Sets environment variables for one test (the CLI runs in this process). */
const env = (vars: Record<string, string>): void => {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
};
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('every flag also from an environment variable', () => {
  it('get: EPH_SOURCE, EPH_ALL_NAMESPACES, EPH_SELECTOR', async () => {
    env({ EPH_SOURCE: 'endpoints' });
    expect((await run('get', 'endpoints', 'web-ds')).stdout).toBe(
      'NAME     ENDPOINTS   AGE\nweb-ds   <none>      59d\n',
    );
    env({ EPH_ALL_NAMESPACES: 'true', EPH_SELECTOR: 'run=hello' });
    const pods = await run('get', 'pods');
    expect(pods.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s/);
    expect(pods.stdout).toContain('hello-');
    expect(pods.stdout).not.toContain('mysql');
  });

  it('describe: EPH_SOURCE', async () => {
    env({ EPH_SOURCE: 'endpoints' });
    // web-ds has slices but no v1 Endpoints object: with the v1 source its subsets are empty
    const r = await run('describe', 'endpoints', 'web-ds');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Subsets:\nEvents:  <none>');
    expect(r.stdout).not.toContain('10.244.2.10');
  });

  it('history and who-had-ip: EPH_OUTPUT, with its own choices per command', async () => {
    env({ EPH_OUTPUT: 'json' });
    const ip = await run('who-had-ip', '10.244.1.22', '--at', '2026-03-01T02:05:00Z');
    expect(JSON.parse(ip.stdout)[0].pod.name).toBe('hello-7d9f-aaaaa');
    const history = await run(
      'history',
      'service',
      'service-hello',
      '--from',
      '2026-03-01T02:00:00Z',
      '--to',
      '2026-03-01T02:30:00Z',
    );
    expect(JSON.parse(history.stdout)).toBeTypeOf('object');
    env({ EPH_OUTPUT: 'wide' }); // a get format history does not have: a usage error, as on the command line
    const wide = await run('history', 'service', 'service-hello');
    expect(wide.code).toBe(2);
  });

  it('export: EPH_SERVICE, EPH_FORMAT', async () => {
    env({ EPH_SERVICE: 'default/service-hello', EPH_FORMAT: 'json' });
    const r = await run('export', '--from', '2026-03-01T02:00:00Z', '--to', '2026-03-01T02:30:00Z');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('endpoints-history/evidence-pack');
  });
});
