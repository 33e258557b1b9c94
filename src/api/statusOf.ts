import type { ErrorCode } from '../errors/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  EPH_ERR_UNAUTHENTICATED: 401,
  EPH_ERR_CROSS_ORIGIN: 403,
  EPH_ERR_NOT_FOUND: 404,
  EPH_ERR_UNKNOWN_CLUSTER: 404,
  EPH_ERR_UNKNOWN_SERVICE: 404,
  EPH_ERR_UNKNOWN_POD: 404,
  EPH_ERR_REQUEST_TOO_LARGE: 413,
  EPH_ERR_DB_MISSING: 500,
  EPH_ERR_DB_NEWER: 500,
  EPH_ERR_INTERNAL: 500,
};

/**
 * The HTTP status that goes with a code when an HTTP route (not a GraphQL field) answers it: 401/403
 * for access, 404 for what is not there, 413 for an oversized request, 500 for server faults, 400
 * for every other client error.
 */
export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400;
