/**
 * Every error a user can see carries one stable code from this table (documented in docs/errors.md).
 * GraphQL puts it in `extensions.code`, the Grafana routes in the JSON body, the CLI in its message.
 */
export const ERROR_CODES = {
  EPH_ERR_BAD_TIME: 'A time is neither RFC 3339, epoch milliseconds, `now` nor a relative form like -2h.',
  EPH_ERR_BAD_RANGE: 'A range ends before it starts.',
  EPH_ERR_RANGE_TOO_LARGE: 'A range is longer than the server allows for this query.',
  EPH_ERR_BAD_STEP: 'A step is not a positive duration, or would produce too many buckets.',
  EPH_ERR_BAD_ARGUMENT: 'An argument is malformed (e.g. an empty name).',
  EPH_ERR_BAD_IP: 'An IP address does not parse.',
  EPH_ERR_BAD_CURSOR: 'A pagination cursor was not produced by this server.',
  EPH_ERR_PAGE_TOO_LARGE: 'A page size is above the maximum.',
  EPH_ERR_TOO_MANY_ROWS: 'The answer would have more rows than the server returns at once.',
  EPH_ERR_UNKNOWN_CLUSTER: 'No history is recorded for this cluster.',
  EPH_ERR_AMBIGUOUS_CLUSTER: 'The database holds several clusters and none was named.',
  EPH_ERR_UNKNOWN_SERVICE: 'No history is recorded for this service.',
  EPH_ERR_UNKNOWN_POD: 'No history is recorded for this pod.',
  EPH_ERR_DB_MISSING: 'The database file does not exist.',
  EPH_ERR_DB_NEWER: 'The database was written by a newer version of endpoints-history.',
  EPH_ERR_UNAUTHENTICATED: 'A bearer token is required and was missing or wrong.',
  EPH_ERR_CROSS_ORIGIN: 'A WebSocket authenticated by the token cookie came from a page of another origin.',
  EPH_ERR_NOT_FOUND: 'No route answers this method and path.',
  EPH_ERR_BAD_REQUEST: 'The HTTP request is malformed (URL, body, headers).',
  EPH_ERR_REQUEST_TOO_LARGE: 'The request body or its headers are larger than the server accepts.',
  EPH_ERR_QUERY_TOO_DEEP: 'The GraphQL query nests deeper than allowed.',
  EPH_ERR_QUERY_TOO_COMPLEX: 'The GraphQL query costs more than allowed.',
  EPH_ERR_QUERY_TOO_LARGE: 'The GraphQL query has more bytes, tokens, aliases or fragments than allowed.',
  EPH_ERR_BAD_QUERY: 'The GraphQL query is invalid.',
  EPH_ERR_READ_ONLY: 'The API is read-only.',
  EPH_ERR_INTERNAL: 'An unexpected server error; details are in the server log.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
