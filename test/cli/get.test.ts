import { describe, expect, it, vi } from 'vitest';
import { t } from '../query/incidentRecording.js';
import { incidentCli } from './helpers.js';

const { run } = incidentCli();

describe('get endpoints', () => {
  it('lists every service of the namespace as kubectl does, with "+ N more..." on the big service', async () => {
    const r = await run('get', 'endpoints');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'NAME            ENDPOINTS                                                           AGE',
        'big             10.250.0.1:8080,10.250.0.10:8080,10.250.0.100:8080 + 1197 more...   59d',
        'legacy          10.244.3.5:8080                                                     59d',
        'mysql           192.168.111.200:3306                                                59d',
        'service-hello   10.244.1.22:8080,10.244.1.23:8080,10.244.1.24:8080 + 2 more...      59d',
        'web-ds          10.244.2.10:8080                                                    59d',
        '',
      ].join('\n'),
    );
  });

  it('answers one service at a past moment, leaving the terminating pod out as the Endpoints controller does', async () => {
    const r = await run('get', 'ep', 'service-hello', '-n', 'default', '--at', '2026-03-01T02:10:15Z');
    expect(r.stdout).toBe(
      [
        'NAME            ENDPOINTS                                                        AGE',
        'service-hello   10.244.1.23:8080,10.244.1.24:8080,10.244.1.25:8080 + 1 more...   59d',
        '',
      ].join('\n'),
    );
  });

  it('prints <none> when the chosen source has no endpoints for a service with a selector', async () => {
    const r = await run('get', 'endpoints', 'web-ds', '--source', 'endpoints');
    expect(r.stdout).toBe('NAME     ENDPOINTS   AGE\nweb-ds   <none>      59d\n');
  });

  it('prints v1 Endpoints, truncation-free, when asked for --source endpoints on the big service', async () => {
    const r = await run('get', 'endpoints', 'big', '--source', 'endpoints');
    expect(r.stdout).toContain(' + 997 more...');
  });

  it('adds a NAMESPACE column with -A and reports an incomplete answer on stderr only, in one line', async () => {
    const r = await run('get', 'endpoints', '-A', '--at', '2026-03-01T02:26:00Z');
    expect(r.stdout.split('\n')[0]).toBe(
      'NAMESPACE   NAME            ENDPOINTS                                                           AGE',
    );
    expect(r.stdout.split('\n')[4]).toBe(
      'default     service-hello   10.244.1.22:8080,10.244.1.23:8080,10.244.1.24:8080 + 2 more...      59d',
    );
    // one note for the whole list, however many services the gap touches (not one per service)
    expect(r.stderr).toBe(
      '# at 2026-03-01T02:26:00Z: 4 of 5 services incomplete (default/big, default/mysql, default/service-hello and 1 more) — recording gap EndpointSlice 2026-03-01T02:25:00Z–2026-03-01T02:27:00Z (stream-broken): changes may be missing\n',
    );
    const one = await run('get', 'endpoints', 'service-hello', '--at', '2026-03-01T02:26:00Z');
    expect(one.stderr).toBe(
      '# default/service-hello at 2026-03-01T02:26:00Z: source EndpointSlices, incomplete — recording gap EndpointSlice 2026-03-01T02:25:00Z–2026-03-01T02:27:00Z (stream-broken): changes may be missing\n',
    );
  });

  it('says NotFound (exit 1) for a service that had no Endpoints object at T', async () => {
    const r = await run('get', 'endpoints', 'service-hello', '--at', '2026-03-01T01:59:30Z');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'endpoints-history: endpoints "service-hello" not found in namespace default at 2026-03-01T01:59:30.000Z (EPH_ERR_UNKNOWN_SERVICE)\n',
    );
  });

  it('prints the reconstructed v1 Endpoints object with -o json, packed like the controller packs it', async () => {
    const r = await run('get', 'endpoints', 'service-hello', '--at', '2026-03-01T02:15:10Z', '-o', 'json');
    const ep = JSON.parse(r.stdout);
    expect(Object.keys(ep)).toEqual(['apiVersion', 'kind', 'metadata', 'subsets']);
    expect(ep.metadata).toEqual({
      creationTimestamp: '2026-01-01T00:00:00Z',
      name: 'service-hello',
      namespace: 'default',
      // the version of the Endpoints object recorded last at or before --at
      resourceVersion: '143',
      uid: 'ep-hello',
    });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual([
      '10.244.1.24',
      '10.244.1.25',
      '10.244.1.26',
    ]);
    expect(ep.subsets[0].notReadyAddresses).toEqual([
      {
        ip: '10.244.1.23',
        nodeName: 'node-1',
        targetRef: { kind: 'Pod', name: 'hello-7d9f-bbbbb', namespace: 'default', uid: 'uid-b' },
      },
    ]);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(r.stdout.startsWith('{\n    "apiVersion": "v1",')).toBe(true);
  });

  it("prints -o yaml with kubectl's unindented sequences and a v1 List for several objects", async () => {
    const r = await run('get', 'endpoints', 'mysql', '-o', 'yaml');
    expect(r.stdout).toContain(
      'subsets:\n- addresses:\n  - ip: 192.168.111.200\n    nodeName: node-1\n  ports:\n  - port: 3306\n    protocol: TCP\n',
    );
    const list = JSON.parse((await run('get', 'endpoints', '-o', 'json')).stdout);
    expect(list.kind).toBe('List');
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'big',
      'legacy',
      'mysql',
      'service-hello',
      'web-ds',
    ]);
  });
});

describe('describe endpoints', () => {
  it("prints kubectl describe's layout with ready and not-ready addresses and the ports table", async () => {
    const r = await run(
      'describe',
      'endpoints',
      'service-hello',
      '-n',
      'default',
      '--at',
      '2026-03-01T02:15:10Z',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Name:         service-hello',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          10.244.1.24,10.244.1.25,10.244.1.26',
        '  NotReadyAddresses:  10.244.1.23',
        '  Ports:',
        '    Name  Port  Protocol',
        '    ----  ----  --------',
        '    http  8080  TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints <unset> for an unnamed port of a selector-less service', async () => {
    const r = await run('describe', 'ep', 'mysql');
    expect(r.stdout).toContain('  Addresses:          192.168.111.200\n');
    expect(r.stdout).toContain(
      '    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  3306  TCP\n',
    );
  });
});

describe('get pods', () => {
  it('lists the pods alive at T that match the label selector, as kubectl does', async () => {
    const r = await run('get', 'pods', '-l', 'run=hello', '--at', '2026-03-01T02:10:15Z');
    expect(r.stdout).toBe(
      [
        'NAME               READY   STATUS        RESTARTS   AGE',
        'hello-7d9f-aaaaa   0/1     Terminating   0          59d',
        'hello-7d9f-bbbbb   1/1     Running       0          59d',
        'hello-7d9f-ccccc   1/1     Running       0          59d',
        'hello-7d9f-ddddd   1/1     Running       0          59d',
        'hello-8e0a-eeeee   1/1     Running       0          59d',
        '',
      ].join('\n'),
    );
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide, and NAMESPACE with -A', async () => {
    const r = await run('get', 'pods', '-A', '-o', 'wide', '--at', '2026-03-01T02:20:30Z');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'NAMESPACE   NAME               READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES',
    );
    expect(lines).toContain(
      'default     hello-8e0a-fffff   1/1     Running   0          59d   10.244.1.22   node-1   <none>           <none>',
    );
    expect(lines).toHaveLength(7);
  });

  it('finds nothing for a selector no pod matches and says so on stderr', async () => {
    const r = await run('get', 'pods', '-l', 'run=nope');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found in default namespace.\n');
  });

  it('rejects a malformed label selector with exit 2', async () => {
    const r = await run('get', 'pods', '-l', 'run in (a');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('who-had-ip', () => {
  it('names the pod holding an IP at T', async () => {
    const r = await run('who-had-ip', '10.244.1.22', '--at', '2026-03-01T02:05:00Z');
    expect(r.stdout).toBe(
      [
        'POD                NAMESPACE   NODE     FROM                   TO',
        'hello-7d9f-aaaaa   default     node-1   2026-03-01T02:00:00Z   2026-03-01T02:10:40Z',
        '',
      ].join('\n'),
    );
  });

  it('lists both pods that held a reused IP over a range, oldest first', async () => {
    const r = await run(
      'who-had-ip',
      '10.244.1.22',
      '--from',
      '2026-03-01T02:00:00Z',
      '--to',
      '2026-03-01T02:30:00Z',
    );
    expect(r.stdout.split('\n').slice(1, 3)).toEqual([
      'hello-7d9f-aaaaa   default     node-1   2026-03-01T02:00:00Z   2026-03-01T02:10:40Z',
      'hello-8e0a-fffff   default     node-1   2026-03-01T02:20:00Z   <still>',
    ]);
  });

  it('lets a flag on the command line beat the environment, and refuses --at with --from', async () => {
    vi.stubEnv('EPH_FROM', '2026-03-01T02:00:00Z');
    try {
      const at = await run('who-had-ip', '10.244.1.22', '--at', '2026-03-01T02:25:00Z');
      expect(at.stdout.split('\n').slice(1, -1)).toEqual([
        'hello-8e0a-fffff   default     node-1   2026-03-01T02:20:00Z   <still>',
      ]);
      const envRange = await run('who-had-ip', '10.244.1.22');
      expect(envRange.stdout.split('\n').slice(1, -1)).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
    }
    const both = await run('who-had-ip', '10.244.1.22', '--at', 'now', '--from', '-1h');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('endpoints-history: --at cannot be combined with --from/--to\n');
  });

  it('prints times in the local zone with --local', async () => {
    const r = await run('who-had-ip', '10.244.1.22', '--at', String(t('02:05:00')), '--local');
    expect(r.stdout).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)/);
  });
});
