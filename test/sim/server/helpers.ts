import type { IncomingHttpHeaders } from 'node:http';
import { get } from 'node:http';
import { afterEach } from 'vitest';
import { startSimServer } from '../../../src/sim/server/simServer.js';
import type { SimServer, SimServerOptions } from '../../../src/sim/server/types.js';
import { SimStore } from '../../../src/sim/simStore.js';

export interface WatchEventJson {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    code?: number;
    reason?: string;
    message?: string;
    metadata: {
      name?: string;
      resourceVersion: string;
      annotations?: Record<string, string>;
      labels?: Record<string, string>;
    };
    [k: string]: unknown;
  };
}

/** A raw watch stream read over node:http: every chunk, every complete line, and how it ended. */
export interface WatchClient {
  status: number;
  headers: IncomingHttpHeaders;
  chunks: string[];
  events: WatchEventJson[];
  /** Text after the last newline (a partial line). */
  partial(): string;
  /** 'end' for a clean end of the chunked body, 'error' for a reset/aborted connection. */
  done: Promise<'end' | 'error'>;
  waitForEvents(n: number, timeoutMs?: number): Promise<WatchEventJson[]>;
  close(): void;
}

export function openWatch(url: string, headers: Record<string, string> = {}): Promise<WatchClient> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers }, (res) => {
      let buffer = '';
      const client: WatchClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        chunks: [],
        events: [],
        partial: () => buffer,
        done: new Promise((done) => {
          res.on('end', () => done('end'));
          res.on('aborted', () => done('error'));
          res.on('error', () => done('error'));
          req.on('error', () => done('error'));
        }),
        waitForEvents: async (n, timeoutMs = 5000) => {
          const until = Date.now() + timeoutMs;
          while (client.events.length < n) {
            if (Date.now() > until)
              throw new Error(`timed out waiting for ${n} events, got ${JSON.stringify(client.events)}`);
            await new Promise((r) => setTimeout(r, 10));
          }
          return client.events;
        },
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        client.chunks.push(chunk);
        buffer += chunk;
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          client.events.push(JSON.parse(buffer.slice(0, nl)) as WatchEventJson);
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf('\n');
        }
      });
      resolve(client);
    });
    req.on('error', reject);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response JSON loosely.
type LooseJson = Record<string, any>;

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: LooseJson }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as LooseJson };
}

export function pod(name: string, labels: Record<string, string> = { app: 'web' }, namespace = 'shop') {
  return {
    metadata: { name, namespace, labels },
    spec: { nodeName: 'node-a', containers: [{ name: 'c' }] },
    status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] },
  };
}

/** A store holding `n` pods in `shop` (web-00..) and one in `other`. */
export function seededStore(n = 5): SimStore {
  const store = new SimStore();
  for (let i = 0; i < n; i++) store.put('Pod', pod(`web-${String(i).padStart(2, '0')}`));
  store.put('Pod', pod('db-0', { app: 'db' }, 'other'));
  return store;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A sim server per test, stopped after it together with the watches opened through `watch`. */
export interface SimServerFixture {
  startServer(store: SimStore, options?: SimServerOptions): Promise<SimServer>;
  /** Opens a watch on the started server at `path`. */
  watch(path: string, headers?: Record<string, string>): Promise<WatchClient>;
}

/** Registers the `afterEach` that closes the test's watches and stops its server. */
export function useSimServer(): SimServerFixture {
  let server: SimServer | undefined;
  const clients: WatchClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.stop();
    server = undefined;
  });
  return {
    async startServer(store, options) {
      server = await startSimServer(store, options);
      return server;
    },
    async watch(path, headers = {}) {
      if (!server) throw new Error('watch before startServer');
      const c = await openWatch(`${server.url}${path}`, headers);
      clients.push(c);
      return c;
    },
  };
}
