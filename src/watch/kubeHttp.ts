import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ApiAuth } from './auth/ApiAuth.js';
import { IdleTimeoutError, statusErrorFrom } from './errors.js';

export type Query = Record<string, string | undefined>;

/**
 * Raw HTTP to the API server with the kubeconfig's credentials and TLS (ApiAuth). One keep-alive agent per
 * protocol is shared by every request (client-node 1.4 makes a new Agent per request and leaks
 * sockets on reconnects, #2893); the per-request TLS options select the right pooled sockets.
 */
export class KubeHttp {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  /** `onAnswer` runs whenever the server answers a request, whatever the status (see Reachability). */
  constructor(
    private readonly auth: ApiAuth,
    private readonly onAnswer: () => void = () => {},
  ) {}

  /**
   * Sends a GET and resolves with the response once headers arrive (any status). `idleMs` arms a
   * watchdog: no response or no body byte for that long aborts the request with IdleTimeoutError.
   * The watchdog stays armed while the caller reads the body; `res.destroy()` or the signal ends it.
   */
  async get(path: string, query: Query, signal: AbortSignal, idleMs: number): Promise<http.IncomingMessage> {
    return await this.send(path, query, signal, idleMs, true);
  }

  /**
   * One GET; `retry`: a request sent on a kept-alive socket that the server closed meanwhile (its
   * idle timeout, a proxy's) fails with ECONNRESET before any response and is sent once more on a
   * new connection — as Go's net/http does for idempotent requests, and Node's documentation advises
   * (`request.reusedSocket`). Without it a page of a long list fails at random and the whole list
   * starts over after a backoff.
   */
  private async send(
    path: string,
    query: Query,
    signal: AbortSignal,
    idleMs: number,
    retry: boolean,
  ): Promise<http.IncomingMessage> {
    const url = new URL(this.auth.server.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const opts: https.RequestOptions = {};
    await this.auth.apply(opts);
    const isHttps = url.protocol === 'https:';
    const headers = { ...(opts.headers as Record<string, string> | undefined), Accept: 'application/json' };
    const requestOptions: https.RequestOptions = {
      ...opts,
      method: 'GET',
      headers,
      agent: isHttps ? this.httpsAgent : this.httpAgent,
    };
    return await new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const req = (isHttps ? https : http).request(url, requestOptions);
      let timer: NodeJS.Timeout | undefined;
      let answered = false;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => req.destroy(new IdleTimeoutError(`no data for ${idleMs} ms`)), idleMs);
      };
      const onAbort = (): void => {
        req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      arm();
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket?.off('data', arm);
        signal.removeEventListener('abort', onAbort);
        if (retry && !answered && req.reusedSocket && err.code === 'ECONNRESET' && !signal.aborted)
          resolve(this.send(path, query, signal, idleMs, false));
        else reject(err);
      });
      // Bytes are watched on the socket: a 'data' listener on the response would switch it to flowing
      // mode before the caller starts reading. Keep-alive sockets are reused, so the listener is removed.
      let socket: Socket | undefined;
      req.on('socket', (s) => {
        socket = s;
        s.on('data', arm);
      });
      req.on('response', (res) => {
        answered = true;
        arm();
        this.onAnswer();
        res.on('close', () => {
          clearTimeout(timer);
          socket?.off('data', arm);
          signal.removeEventListener('abort', onAbort);
        });
        // Errors destroying the request surface on the response stream while the body is read.
        req.on('error', (err) => res.destroy(err));
        resolve(res);
      });
      req.end();
    });
  }

  /** GETs a JSON document; non-2xx statuses reject with ApiStatusError. */
  async getJson(path: string, query: Query, signal: AbortSignal, idleMs: number): Promise<unknown> {
    const res = await this.get(path, query, signal, idleMs);
    const body = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw statusErrorFrom(status, header(res, 'retry-after'), body);
    return JSON.parse(body) as unknown;
  }

  /** GETs a body as bytes (a list page, split by `splitListPage`); non-2xx statuses reject with ApiStatusError. */
  async getBytes(path: string, query: Query, signal: AbortSignal, idleMs: number): Promise<Buffer> {
    const res = await this.get(path, query, signal, idleMs);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300)
      throw statusErrorFrom(status, header(res, 'retry-after'), body.toString('utf8'));
    return body;
  }

  /** Closes pooled sockets; in-flight requests are ended by their signals. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** Reads a whole response body as UTF-8. */
export async function readBody(res: http.IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let body = '';
  for await (const chunk of res) body += chunk as string;
  return body;
}

export function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
