import type { ErrorCode } from '../errors/index.js';

/**
 * The body of an error the HTTP layer answers itself (401, 403, 404, 400, 413, 431...), readable by
 * both kinds of clients we have: REST and Infinity read `error` and `code` (as the Grafana routes
 * answer), GraphQL clients read `errors[0].extensions.code` (as the GraphQL endpoint answers).
 */
export interface HttpErrorBody {
  error: string;
  code: ErrorCode;
  errors: [{ message: string; extensions: { code: ErrorCode } }];
}

export const errorBody = (code: ErrorCode, message: string): HttpErrorBody => ({
  error: message,
  code,
  errors: [{ message, extensions: { code } }],
});
