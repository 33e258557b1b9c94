import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authFromHandoff,
  authFromSnapshot,
  KubeConfigError,
  loadCredentials,
  TOKEN_FILE_REFRESH_MS,
} from '../../src/watch/index.js';
import { KubeHttp } from '../../src/watch/kubeHttp.js';

const dir = mkdtempSync(join(tmpdir(), 'eph-cred-'));
const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.setHeader('content-type', 'application/json');
  res.end('{"kind":"Status"}');
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function kubeconfig(name: string, user: string, context = 'ctx'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: ${url}
    insecure-skip-tls-verify: true
contexts:
- name: ${context}
  context: { cluster: c, user: u }
current-context: ${context}
users:
- name: u
  user:
${user}
`,
  );
  return file;
}

/** Headers and TLS options one request would carry. */
async function applied(auth: { apply(o: RequestOptions): Promise<void> }): Promise<RequestOptions> {
  const options: RequestOptions = {};
  await auth.apply(options);
  return options;
}

describe('loadCredentials (client-node in a short-lived child process)', () => {
  it('resolves a bearer token to plain headers, isolated, and requests carry it', async () => {
    const creds = await loadCredentials({ kubeconfig: kubeconfig('token.yaml', '    token: s3cret') });
    expect(creds).toMatchObject({ contextName: 'ctx', source: 'file', isolated: true });
    expect(creds!.auth.server).toBe(url);
    expect((await applied(creds!.auth)).headers).toMatchObject({ Authorization: 'Bearer s3cret' });
    const http = new KubeHttp(creds!.auth);
    await http.getJson('/api/v1/pods', { limit: '1' }, new AbortController().signal, 5_000);
    http.close();
    expect(seen.at(-1)?.authorization).toBe('Bearer s3cret');
  });

  it('brings client certificates back as the same bytes', async () => {
    const cert = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const key = Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const creds = await loadCredentials({
      kubeconfig: kubeconfig(
        'cert.yaml',
        `    client-certificate-data: ${cert.toString('base64')}\n    client-key-data: ${key.toString('base64')}`,
      ),
    });
    const options = await applied(creds!.auth);
    expect(Buffer.from(options.cert as Buffer).equals(cert)).toBe(true);
    expect(Buffer.from(options.key as Buffer).equals(key)).toBe(true);
    expect(creds!.isolated).toBe(true);
  });

  it('selects the named context and fails clearly on a missing file or context', async () => {
    const file = kubeconfig('ctx.yaml', '    token: t', 'other');
    expect((await loadCredentials({ kubeconfig: file, context: 'other' }))?.contextName).toBe('other');
    await expect(loadCredentials({ kubeconfig: file, context: 'nope' })).rejects.toThrow(
      'context not found in kubeconfig: nope',
    );
    await expect(loadCredentials({ kubeconfig: join(dir, 'missing.yaml') })).rejects.toThrow(
      `kubeconfig not found: ${join(dir, 'missing.yaml')}`,
    );
  });

  it('tells a bad kubeconfig (KubeConfigError) from a credentials process that could not run', async () => {
    const file = kubeconfig('typed.yaml', '    token: t');
    await expect(loadCredentials({ kubeconfig: file, context: 'nope' })).rejects.toBeInstanceOf(
      KubeConfigError,
    );
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nclusters: [unclosed\n');
    await expect(loadCredentials({ kubeconfig: join(dir, 'broken.yaml') })).rejects.toBeInstanceOf(
      KubeConfigError,
    );
    // the child cannot even start: Node refuses a --require of a file that does not exist
    const env = { ...process.env, NODE_OPTIONS: `--require ${join(dir, 'no-such-preload.cjs')}` };
    const failure = await loadCredentials({ kubeconfig: file, env }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(KubeConfigError);
    expect((failure as Error).message).toMatch(/^reading the kubeconfig failed/);
  });

  it('answers null when there is no kubeconfig anywhere', async () => {
    const home = join(dir, 'empty-home');
    mkdirSync(home, { recursive: true });
    const env = { PATH: process.env.PATH ?? '', HOME: home };
    expect(await loadCredentials({ env, home })).toBeNull();
  });

  it('keeps exec plugins on client-node in this process, refreshing through it', async () => {
    const plugin = join(dir, 'plugin.mjs');
    writeFileSync(
      plugin,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'from-exec' } }));`,
    );
    const creds = await loadCredentials({
      kubeconfig: kubeconfig(
        'exec.yaml',
        `    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${process.execPath}\n      args: ["${plugin}"]`,
      ),
    });
    expect(creds?.isolated).toBe(false);
    expect((await applied(creds!.auth)).headers).toMatchObject({ Authorization: 'Bearer from-exec' });
  });

  it('hands the same credentials over as plain data, which another thread turns back into requests that carry them', async () => {
    const plugin = join(dir, 'plugin-handoff.mjs');
    writeFileSync(
      plugin,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'exec-in-thread' } }));`,
    );
    const exec = await loadCredentials({
      kubeconfig: kubeconfig(
        'exec-handoff.yaml',
        `    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${process.execPath}\n      args: ["${plugin}"]`,
      ),
    });
    const token = await loadCredentials({
      kubeconfig: kubeconfig('token-handoff.yaml', '    token: handed'),
    });
    // structuredClone is what postMessage/workerData do: a function would throw here
    const fromExec = authFromHandoff(structuredClone(exec!.handoff));
    const fromToken = authFromHandoff(structuredClone(token!.handoff));
    expect(fromExec.server).toBe(url);
    expect((await applied(fromExec)).headers).toMatchObject({ Authorization: 'Bearer exec-in-thread' });
    expect((await applied(fromToken)).headers).toMatchObject({ Authorization: 'Bearer handed' });
  });
});

describe('authFromSnapshot', () => {
  it('re-reads a token file once a minute, as client-go does for rotated service-account tokens', async () => {
    let token = 'first';
    let now = 0;
    let reads = 0;
    const auth = authFromSnapshot(
      {
        mode: 'static',
        contextName: 'inClusterContext',
        source: 'in-cluster',
        server: 'https://10.0.0.1:443',
        tls: { ca: { base64: Buffer.from('CA').toString('base64') } },
        headers: {},
        tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
      },
      {
        readFile: () => {
          reads++;
          return `${token}\n`;
        },
        now: () => now,
      },
    );
    const first = await applied(auth);
    expect(first.headers).toEqual({ Authorization: 'Bearer first' });
    expect(Buffer.from(first.ca as Buffer).toString()).toBe('CA');
    token = 'second';
    now += TOKEN_FILE_REFRESH_MS - 1;
    expect((await applied(auth)).headers).toEqual({ Authorization: 'Bearer first' });
    now += 2;
    expect((await applied(auth)).headers).toEqual({ Authorization: 'Bearer second' });
    expect(reads).toBe(2);
  });
});
