import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeHttp } from '../../src/watch/kubeHttp.js';

const OK =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}';

/**
 * A raw HTTP server whose `answer(connection, request)` decides per request (both counted from 0):
 * 'ok' answers with keep-alive, 'reset' destroys the socket without a response, as a server does when
 * its idle timeout closes a kept-alive connection just as a request arrives on it.
 */
async function rawServer(answer: (connection: number, request: number) => 'ok' | 'reset') {
  let connections = 0;
  const requests: [number, number][] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    let seen = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      let end = buffered.indexOf('\r\n\r\n');
      while (end >= 0) {
        buffered = buffered.slice(end + 4);
        const request = seen++;
        requests.push([connection, request]);
        if (answer(connection, request) === 'ok') socket.write(OK);
        else socket.destroy();
        end = buffered.indexOf('\r\n\r\n');
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    requests,
    http: new KubeHttp({ server: `http://127.0.0.1:${port}`, apply: async () => {} }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const get = (http: KubeHttp) =>
  http.getJson('/api/v1/pods', { limit: '500' }, new AbortController().signal, 5000);

describe('KubeHttp on kept-alive connections', () => {
  it('sends a request again on a new connection when the server closed the kept-alive one it went out on', async () => {
    const s = await rawServer((connection, request) => (connection === 0 && request === 1 ? 'reset' : 'ok'));
    close = s.close;
    expect(await get(s.http)).toEqual({});
    expect(await get(s.http)).toEqual({});
    expect(s.requests).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    s.http.close();
  });

  it('sends it again only once, and never a request that failed on a new connection', async () => {
    const s = await rawServer((connection, request) => (connection === 0 && request === 0 ? 'ok' : 'reset'));
    close = s.close;
    expect(await get(s.http)).toEqual({});
    await expect(get(s.http)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(s.requests).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    s.http.close();
  });
});
