import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and headers, without the blank line) and `body` byte for byte over a
 * fresh TCP connection, so the request target reaches the server exactly as written — no client
 * normalising `/%67raphql`, `//graphql` or an absolute-form target. Resolves with the response once
 * the server closes the connection or, for a 101 Switching Protocols, as soon as its headers are in.
 */
export function rawRequest(port: number, head: string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${head.replace(/\r?\n/g, '\r\n').trimEnd()}\r\n\r\n${body}`);
    });
    let data = Buffer.alloc(0);
    const parse = (): RawResponse | null => {
      const text = data.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
    };
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const r = parse();
      if (r?.status === 101) {
        socket.destroy();
        resolve(r);
      }
    });
    socket.on('close', () => {
      const r = parse();
      if (r) resolve(r);
      else reject(new Error(`connection closed without a response: ${JSON.stringify(data.toString())}`));
    });
    socket.on('error', () => {}); // a refused upgrade is closed by the server: 'close' decides
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

/** A request head: the request line, then `defaults` overridden by `headers` (names compared case-insensitively). */
function requestHead(
  line: string,
  defaults: Record<string, string>,
  headers: Record<string, string>,
): string {
  const merged = new Map<string, [string, string]>();
  for (const [k, v] of [...Object.entries(defaults), ...Object.entries(headers)])
    merged.set(k.toLowerCase(), [k, v]);
  return [line, ...[...merged.values()].map(([k, v]) => `${k}: ${v}`)].join('\r\n');
}

/** A GET request head for `target`, closing the connection after the answer. */
export const getHead = (target: string, headers: Record<string, string> = {}): string =>
  requestHead(`GET ${target} HTTP/1.1`, { Host: '127.0.0.1', Connection: 'close' }, headers);

/** A POST request head for `target` with a JSON body of `body`'s length. */
export const postHead = (target: string, body: string, headers: Record<string, string> = {}): string =>
  requestHead(
    `POST ${target} HTTP/1.1`,
    {
      Host: '127.0.0.1',
      Connection: 'close',
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    },
    headers,
  );

/** A WebSocket upgrade request head for `target` (graphql-transport-ws). */
export const upgradeHead = (target: string, headers: Record<string, string> = {}): string =>
  requestHead(
    `GET ${target} HTTP/1.1`,
    {
      Host: '127.0.0.1',
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': 'graphql-transport-ws',
    },
    headers,
  );
