import { type ErrorCode, INTERNAL_MESSAGE, isEphError, statusOf } from '../../errors/index.js';

/** The body of every failed Grafana route: Infinity shows `error` to the user as the query error. */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
}

const reply = (code: ErrorCode, error: string) => ({ status: statusOf(code), body: { error, code } });

/**
 * Status and body for an error thrown by a route: our errors keep their code and its status (404
 * for an unknown service or cluster, 400 for bad input); fastify's own 4xx — a query string its
 * schema refuses — is EPH_ERR_BAD_ARGUMENT; anything else is EPH_ERR_INTERNAL, whose details stay in
 * the server log.
 */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (isEphError(error)) return reply(error.code, error.message);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return reply('EPH_ERR_BAD_ARGUMENT', (error as Error).message);
  return reply('EPH_ERR_INTERNAL', INTERNAL_MESSAGE);
}
