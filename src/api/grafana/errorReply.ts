import type { ErrorCode } from '../../errors/index.js';
import { isEphError } from '../../errors/index.js';

/** The body of every failed Grafana route: Infinity shows `error` to the user as the query error. */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
}

const NOT_FOUND: ReadonlySet<ErrorCode> = new Set([
  'EPH_ERR_UNKNOWN_SERVICE',
  'EPH_ERR_UNKNOWN_CLUSTER',
  'EPH_ERR_UNKNOWN_POD',
]);
const BAD_INPUT: ReadonlySet<ErrorCode> = new Set([
  'EPH_ERR_BAD_TIME',
  'EPH_ERR_BAD_RANGE',
  'EPH_ERR_RANGE_TOO_LARGE',
  'EPH_ERR_BAD_STEP',
  'EPH_ERR_BAD_ARGUMENT',
  'EPH_ERR_BAD_IP',
  'EPH_ERR_BAD_CURSOR',
  'EPH_ERR_PAGE_TOO_LARGE',
  'EPH_ERR_AMBIGUOUS_CLUSTER',
]);

/**
 * Status and body for an error thrown by a route: 404 for an unknown service or cluster, 400 for
 * bad input (EphError codes, or fastify's own 4xx such as a malformed query string), 500 with
 * EPH_ERR_INTERNAL for anything else, whose details stay in the server log.
 */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (isEphError(error)) {
    const status = NOT_FOUND.has(error.code) ? 404 : BAD_INPUT.has(error.code) ? 400 : 500;
    return { status, body: { error: error.message, code: error.code } };
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
