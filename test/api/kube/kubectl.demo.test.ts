import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cli } from '../../cli/helpers.js';
import { type CliProcess, servedUrl, spawnCli } from '../../cli/run/spawnCli.js';
import { tempDir } from '../../helpers/k8s.js';
import {
  type KubectlResult,
  kubectlBinary,
  kubectlRunner,
  pythonWithKubernetes,
} from '../../helpers/kubectl.js';

const execute = promisify(execFile);
const TOKEN = 'demo-t0ken';

/**
 * The demo recorded for real (the simulated cluster, the real recorder over HTTP), then stopped, then
 * served read-only by `serve` with a token; the real kubectl pointed at it by `kubeconfig --at T`,
 * T halfway through the rolling update; every answer compared with our own CLI's at the same T.
 */
let dir: string;
let db: string;
let tokenFile: string;
let T: string;
let serve: CliProcess;
let url: string;
let kubectl: (...args: string[]) => Promise<KubectlResult>;
let ours: (...args: string[]) => Promise<CliResult>;

async function kubeconfig(name: string, ...flags: string[]): Promise<string> {
  const r = await cli(['kubeconfig', '--server', url, '--db', db, ...flags], Date.now());
  expect([r.code, r.stderr]).toEqual([0, '']);
  const path = join(dir, name);
  writeFileSync(path, r.stdout);
  return path;
}

beforeAll(async () => {
  kubectlBinary();
  dir = tempDir();
  db = join(dir, 'demo.db');
  tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  const demo = spawnCli(['demo', '--port', '0', '--speed', '10', '--db', db, '--auth-token-file', tokenFile]);
  try {
    const line = await demo.waitForLine(/^ {2}npx endpoints-history get endpoints service-hello /, 90_000);
    T = /--at (\S+)/.exec(line)![1]!;
    await demo.waitForLine(/^ {2}kubectl --kubeconfig at\.yaml/, 10_000);
  } finally {
    expect(await demo.stop()).toBe(0);
  }
  serve = spawnCli(['serve', '--db', db, '--port', '0', '--auth-token-file', tokenFile]);
  url = await servedUrl(serve, 60_000);
  kubectl = kubectlRunner(
    await kubeconfig('at.yaml', '--at', T, '--auth-token-file', tokenFile),
    join(dir, 'cache'),
  );
  ours = (...args: string[]) => cli([...args, '--db', db, '--at', T], Date.now());
}, 180_000);
afterAll(async () => {
  await serve?.stop();
});

/** Table rows as cells (kubectl separates columns by at least two spaces; cells hold single spaces). */
const rows = (text: string): string[][] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

describe('kubectl at T shows what endpoints-history prints for T', () => {
  it('get endpoints -A, byte for byte, and warns about nothing where the moment was recorded', async () => {
    const theirs = await kubectl('get', 'endpoints', '-A');
    expect([theirs.code, theirs.stderr]).toEqual([0, '']);
    expect(theirs.stdout).toContain('service-hello');
    expect(theirs.stdout).toBe((await ours('get', 'endpoints', '-A')).stdout);
  });

  it('get pods -A -o wide, and -l run=hello, byte for byte', async () => {
    const wide = await kubectl('get', 'pods', '-A', '-o', 'wide');
    expect(wide.stdout.split('\n')[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s/,
    );
    expect(wide.stdout).toBe((await ours('get', 'pods', '-A', '-o', 'wide')).stdout);
    const selected = await kubectl('get', 'pods', '-l', 'run=hello');
    expect(selected.stdout).toBe((await ours('get', 'pods', '-l', 'run=hello')).stdout);
  });

  it('--field-selector: the pods of a node are the rows of that node, and the pod of an IP is who-had-ip’s', async () => {
    const all = rows((await ours('get', 'pods', '-A', '-o', 'wide')).stdout).slice(1);
    // a pod on a node with an IP (at T some pods of the rolling update may still be Pending)
    const placed = all.find((r) => r[7] !== '<none>' && r[6] !== '<none>')!;
    const node = placed[7]!;
    const onNode = await kubectl(
      'get',
      'pods',
      '-A',
      '-o',
      'wide',
      '--field-selector',
      `spec.nodeName=${node}`,
    );
    expect(rows(onNode.stdout).slice(1)).toEqual(all.filter((r) => r[7] === node));
    const [, name, , , , , ip] = placed;
    const holder = JSON.parse((await ours('who-had-ip', ip!, '-o', 'json')).stdout)[0].pod.name;
    const byIp = await kubectl('get', 'pods', '-A', '--field-selector', `status.podIP=${ip}`, '-o', 'name');
    expect(byIp.stdout).toBe(`pod/${holder}\n`);
    expect(holder).toBe(name);
  });

  it('-o yaml of an Endpoints and of a Pod, byte for byte', async () => {
    const ep = await kubectl('get', 'endpoints', 'service-hello', '-o', 'yaml');
    expect(ep.stdout).toContain('subsets:');
    expect(ep.stdout).toBe((await ours('get', 'endpoints', 'service-hello', '-o', 'yaml')).stdout);
    const pod = rows((await ours('get', 'pods')).stdout)[1]![0]!;
    const theirs = await kubectl('get', 'pod', pod, '-o', 'yaml');
    expect(theirs.stdout).toMatch(/^ {2}resourceVersion: "\d+"$/m);
    expect(theirs.stdout).toBe((await ours('get', 'pods', pod, '-o', 'yaml')).stdout);
  });

  it('get endpointslices: the slices of service-hello hold the addresses of its endpoint set at T', async () => {
    const table = await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=service-hello');
    expect(rows(table.stdout)[0]).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    const json = JSON.parse(
      (await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=service-hello', '-o', 'json'))
        .stdout,
    );
    expect(
      rows(table.stdout)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(json.items.map((s: { metadata: { name: string } }) => s.metadata.name));
    const sliceIps = json.items
      .flatMap((s: { endpoints: { addresses: string[] }[] }) => s.endpoints.flatMap((e) => e.addresses))
      .sort();
    const r = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: `{ endpoints(namespace: "default", service: "service-hello", at: "${T}") { source addresses { ip } notReadyAddresses { ip } } }`,
      }),
    });
    const set = (
      (await r.json()) as {
        data: {
          endpoints: { source: string; addresses: { ip: string }[]; notReadyAddresses: { ip: string }[] };
        };
      }
    ).data.endpoints;
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(sliceIps).toEqual([...set.addresses, ...set.notReadyAddresses].map((a) => a.ip).sort());
  });

  it('describe endpoints, byte for byte; describe service and pod with the facts of T', async () => {
    const ep = await kubectl('describe', 'endpoints', 'service-hello');
    expect(ep.stdout).toBe((await ours('describe', 'endpoints', 'service-hello')).stdout);
    const svc = (await kubectl('describe', 'service', 'service-hello')).stdout;
    expect(svc).toMatch(/^Name:\s+service-hello$/m);
    expect(svc).toMatch(/^Type:\s+NodePort$/m);
    expect(svc).toMatch(/^NodePort:\s+\S+\s+31111\/TCP$/m);
    // kubectl lists the ready endpoints of the slices in slice order: three of them, then "+ N more"
    const ready = JSON.parse(
      (await ours('get', 'endpoints', 'service-hello', '-o', 'json')).stdout,
    ).subsets.flatMap((s: { addresses?: { ip: string }[]; ports: { port: number }[] }) =>
      (s.addresses ?? []).flatMap((a) => s.ports.map((p) => `${a.ip}:${p.port}`)),
    ) as string[];
    const [, shown = '', more = '0'] = /^Endpoints:\s+(\S*)(?: \+ (\d+) more\.\.\.)?$/m.exec(svc) ?? [];
    const listed = shown.split(',').filter((e) => e !== '');
    expect(listed.every((e) => ready.includes(e))).toBe(true);
    expect(listed.length + Number(more)).toBe(ready.length);
    expect(svc).toMatch(/^Events:\s+<none>$/m);
    const [name, , status, , , ip, node] = rows((await ours('get', 'pods', '-o', 'wide')).stdout)
      .slice(1)
      .find((r) => r[6] !== '<none>' && r[5] !== '<none>')!;
    const pod = (await kubectl('describe', 'pod', name!)).stdout;
    expect(pod).toMatch(new RegExp(`^Name:\\s+${name}$`, 'm'));
    expect(pod).toMatch(new RegExp(`^Node:\\s+${node}/`, 'm'));
    expect(pod).toMatch(new RegExp(`^IP:\\s+${ip!.replaceAll('.', '\\.')}$`, 'm'));
    expect(pod).toMatch(new RegExp(`^Status:\\s+${status === 'Terminating' ? 'Terminating' : status}`, 'm'));
  });

  it('api-resources lists exactly what is served', async () => {
    const r = await kubectl('api-resources');
    expect(rows(r.stdout)).toEqual([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
      ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
      ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
      ['pods', 'po', 'v1', 'true', 'Pod'],
      ['services', 'svc', 'v1', 'true', 'Service'],
      ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'],
    ]);
  });
});

describe('kubectl get -w replays what changed after T', () => {
  it('prints, after the state at T, the endpoints as `get endpoints --at` prints them at each later change, and exits where the recording ended', async () => {
    const run = kubectlRunner(
      await kubeconfig('fast.yaml', '--at', T, '--auth-token-file', tokenFile, '--replay-speed', '50'),
      join(dir, 'cache'),
    );
    const watched = await run('get', 'endpoints', 'service-hello', '-w');
    expect([watched.code, watched.stderr]).toEqual([0, '']);
    const printed = rows(watched.stdout).slice(1);
    // the moments service-hello's endpoints may have changed: its Service, Endpoints and slices
    const conn = new Database(db, { readonly: true });
    const moments = conn
      .prepare(
        `SELECT DISTINCT observed_at FROM events_v WHERE namespace = 'default' AND observed_at > ?
          AND ((kind IN ('Service', 'Endpoints') AND name = 'service-hello') OR (kind = 'EndpointSlice' AND name LIKE 'service-hello-%'))
          ORDER BY observed_at`,
      )
      .pluck()
      .all(Date.parse(T)) as number[];
    conn.close();
    // one row per change of the object (a not-ready address or an annotation changes it too, unseen in the row)
    const answerAt = async (at: string) => {
      const table = await cli(['get', 'endpoints', 'service-hello', '--db', db, '--at', at], Date.now());
      const json = await cli(
        ['get', 'endpoints', 'service-hello', '--db', db, '--at', at, '-o', 'json'],
        Date.now(),
      );
      return { row: rows(table.stdout)[1]!, object: json.stdout };
    };
    let last = await answerAt(T);
    const expected = [last.row];
    for (const m of moments) {
      const next = await answerAt(String(m));
      if (next.object !== last.object) expected.push(next.row);
      last = next;
    }
    expect(expected.length).toBeGreaterThan(3);
    expect(printed).toEqual(expected);
  });
});

describe('kubectl cannot change the past', () => {
  it('is refused a delete with 405 MethodNotAllowed "read-only", and the pod is still there', async () => {
    const pod = rows((await ours('get', 'pods')).stdout)[1]![0]!;
    const r = await kubectl('delete', 'pod', pod, '--wait=false');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error from server \(MethodNotAllowed\): endpoints-history serves a read-only history/m,
    );
    expect((await kubectl('get', 'pod', pod, '-o', 'name')).stdout).toBe(`pod/${pod}\n`);
  });

  it('is refused everything without the token', async () => {
    const run = kubectlRunner(await kubeconfig('anonymous.yaml', '--at', T), join(dir, 'cache-anonymous'));
    const r = await run('get', 'pods');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('You must be logged in to the server');
  });
});

describe('a moment before recording began', () => {
  it('is "not recorded" (NotFound), never an empty list', async () => {
    const before = new Date(Date.parse(T) - 3_600_000).toISOString();
    const run = kubectlRunner(
      await kubeconfig('before.yaml', '--at', before, '--auth-token-file', tokenFile),
      join(dir, 'cache'),
    );
    const r = await run('get', 'pods');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error from server (NotFound)');
    expect(r.stderr).toContain('not recorded: pods in namespace default');
    expect((await cli(['get', 'pods', '--db', db, '--at', before], Date.now())).code).toBe(3);
  });
});

describe('a second client: the Python Kubernetes client (python3-kubernetes)', () => {
  it('lists the pods of T, reads an Endpoints and is refused a delete', async () => {
    const python = await pythonWithKubernetes();
    // Pods through the dynamic client (discovery, untyped objects): the typed models refuse a
    // terminated container without its exitCode, which is not recorded (docs/kubectl.md)
    const script = `
import json, sys
from kubernetes import client, config, dynamic
config.load_kube_config(config_file=sys.argv[1])
api = client.ApiClient()
pods = dynamic.DynamicClient(api).resources.get(api_version='v1', kind='Pod').get()
v1 = client.CoreV1Api(api)
ep = v1.read_namespaced_endpoints('service-hello', 'default')
first = pods.items[0].metadata
try:
    v1.delete_namespaced_pod(first.name, first.namespace)
    refused = None
except client.exceptions.ApiException as e:
    refused = [e.status, json.loads(e.body)['reason']]
print(json.dumps({
    'pods': [p.metadata.name for p in pods.items],
    'ready': sorted(a.ip for s in (ep.subsets or []) for a in (s.addresses or [])),
    'refused': refused,
}))
`;
    const config = await kubeconfig('python.yaml', '--at', T, '--auth-token-file', tokenFile);
    const { stdout } = await execute(python, ['-c', script, config], { timeout: 60_000 });
    const answer = JSON.parse(stdout);
    expect(answer.pods).toEqual(
      rows((await ours('get', 'pods', '-A')).stdout)
        .slice(1)
        .map((r) => r[1]),
    );
    const expectedReady = JSON.parse((await ours('get', 'endpoints', 'service-hello', '-o', 'json')).stdout)
      .subsets.flatMap((s: { addresses?: { ip: string }[] }) => (s.addresses ?? []).map((a) => a.ip))
      .sort();
    expect(answer.ready).toEqual(expectedReady);
    expect(answer.refused).toEqual([405, 'MethodNotAllowed']);
  });
});
