import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../errors/index.js';
import { errorBody } from './errorBody.js';

function answer(err: NodeJS.ErrnoException): [number, ErrorCode, string] {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return [431, 'EPH_ERR_REQUEST_TOO_LARGE', 'the request headers are larger than the server accepts'];
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'EPH_ERR_BAD_REQUEST', 'the request was not received in time'];
  return [400, 'EPH_ERR_BAD_REQUEST', 'malformed HTTP request'];
}

/**
 * fastify's `clientErrorHandler`: what Node's HTTP parser refuses before any route runs (headers over
 * `maxHeaderSize`: 431; a request too slow: 408; a malformed request line: 400) is answered with the
 * same coded JSON body as every other error, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // a reset connection has nobody left to answer
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = answer(err);
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
