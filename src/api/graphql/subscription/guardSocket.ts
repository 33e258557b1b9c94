import type { FastifyBaseLogger } from 'fastify';
import { INTERNAL_MESSAGE, isErrorCode } from '../../../errors/index.js';
import { codedError } from '../errorCode.js';
import { type ScreenContext, screenMessage } from './screenMessage.js';

/** The part of a `ws` WebSocket this guard wraps. */
export interface GuardedSocket {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  send(data: unknown, ...rest: unknown[]): void;
}

interface SentError {
  message?: unknown;
  extensions?: { code?: unknown };
}

const hasCode = (e: SentError): boolean => isErrorCode(e.extensions?.code);

/**
 * Every error frame leaves with an EPH_ERR_* code: one mercurius sent without ours (a fault of the
 * server once `screenMessage` has kept the client's mistakes out) is logged and replaced by the
 * generic EPH_ERR_INTERNAL, as over HTTP; a `connection_error` (a protocol misuse) is EPH_ERR_BAD_QUERY.
 */
function withCodes(data: unknown, log: FastifyBaseLogger): unknown {
  if (typeof data !== 'string') return data;
  if (data.startsWith('{"type":"error"')) {
    const frame = JSON.parse(data) as { payload?: SentError[] };
    if (!Array.isArray(frame.payload) || frame.payload.every(hasCode)) return data;
    frame.payload = frame.payload.map((e) => {
      if (hasCode(e)) return e;
      log.error({ error: e }, 'graphql websocket error without a code');
      return { message: INTERNAL_MESSAGE, extensions: { code: 'EPH_ERR_INTERNAL' } };
    });
    return JSON.stringify(frame);
  }
  if (data.startsWith('{"type":"connection_error"')) {
    const frame = JSON.parse(data) as { payload?: SentError };
    if (frame.payload && !hasCode(frame.payload)) {
      frame.payload.extensions = { code: 'EPH_ERR_BAD_QUERY' };
      return JSON.stringify(frame);
    }
  }
  return data;
}

/**
 * Puts a GraphQL WebSocket behind `screenMessage` and `withCodes`: incoming messages are screened
 * before mercurius' handler (which listens for 'message' events) gets them — mercurius parses a
 * subscribe message's query with no token limit and answers its own errors without our codes — and
 * outgoing error frames are given codes. Call it on the socket's 'connection', before mercurius
 * attaches its handler.
 */
export function guardSocket(socket: GuardedSocket, context: ScreenContext, log: FastifyBaseLogger): void {
  const emit = socket.emit.bind(socket);
  const send = socket.send.bind(socket);
  socket.emit = (event, ...args) => {
    if (event !== 'message') return emit(event, ...args);
    const refusal = screenMessage(args[0], context);
    if (refusal === null) return emit(event, ...args);
    send(JSON.stringify({ type: 'error', id: refusal.id, payload: [codedError(refusal.error).toJSON()] }));
    return true;
  };
  socket.send = (data, ...rest) => send(withCodes(data, log), ...rest);
}
