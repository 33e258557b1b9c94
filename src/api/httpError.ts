import { type ErrorCode, INTERNAL_MESSAGE, isEphError, statusOf } from '../errors/index.js';

/** What an HTTP route answers for a failure: status, code, and a message safe to show. */
export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
}

/**
 * Our errors keep their code; fastify's own client errors (a malformed URL or body, 404, 413, 415)
 * become EPH_ERR_NOT_FOUND, EPH_ERR_REQUEST_TOO_LARGE or EPH_ERR_BAD_REQUEST with fastify's message,
 * which only describes the request; anything else is EPH_ERR_INTERNAL, its details left to the log.
 */
export function httpError(error: unknown): HttpError {
  if (isEphError(error)) return { status: statusOf(error.code), code: error.code, message: error.message };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (error as Error).message;
    if (status === 404) return { status, code: 'EPH_ERR_NOT_FOUND', message };
    if (status === 413) return { status, code: 'EPH_ERR_REQUEST_TOO_LARGE', message };
    return { status: 400, code: 'EPH_ERR_BAD_REQUEST', message };
  }
  return { status: 500, code: 'EPH_ERR_INTERNAL', message: INTERNAL_MESSAGE };
}
