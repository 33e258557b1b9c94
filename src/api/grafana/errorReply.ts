import type { ErrorCode } from '../../errors/index.js';
import { isEphError } from '../../errors/index.js';
import { statusOf } from '../statusOf.js';

/** The body of every failed Grafana route: Infinity shows `error` to the user as the query error. */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
}

/**
 * Status and body for an error thrown by a route: the status of its code (`statusOf`: 404 for an
 * unknown service or cluster, 400 for bad input), 400 for fastify's own 4xx such as a malformed
 * query string, 500 with EPH_ERR_INTERNAL for anything else, whose details stay in the server log.
 */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (isEphError(error)) {
    return { status: statusOf(error.code), body: { error: error.message, code: error.code } };
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: 400, body: { error: (error as Error).message, code: 'EPH_ERR_BAD_ARGUMENT' } };
  }
  return {
    status: 500,
    body: { error: 'internal error; details are in the server log', code: 'EPH_ERR_INTERNAL' },
  };
}
