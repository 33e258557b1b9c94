import type { GraphQLError as GraphQLErrorType } from 'graphql';
import { type ErrorCode, INTERNAL_MESSAGE, isEphError, isErrorCode } from '../../errors/index.js';
import { graphql } from './graphqlRuntime.js';

const { GraphQLError } = graphql;

interface Chained {
  originalError?: unknown;
  extensions?: { code?: unknown };
  statusCode?: unknown;
}

/**
 * The one EPH_ERR_* code of an error seen by GraphQL. Our own errors keep theirs (through any
 * wrapping by graphql-js); errors of the request itself (syntax, validation, coercion, a bad body)
 * are EPH_ERR_BAD_QUERY (a body over the size limit EPH_ERR_REQUEST_TOO_LARGE); anything else is a
 * server fault, EPH_ERR_INTERNAL.
 */
export function errorCode(error: unknown): ErrorCode {
  let e: unknown = error;
  let innermost: unknown = error;
  for (let depth = 0; e && depth < 10; depth++) {
    if (isEphError(e)) return e.code;
    const c = e as Chained;
    if (isErrorCode(c.extensions?.code)) return c.extensions.code;
    innermost = e;
    e = c.originalError;
  }
  if (innermost instanceof GraphQLError) return 'EPH_ERR_BAD_QUERY';
  const status = (innermost as Chained).statusCode;
  if (status === 413) return 'EPH_ERR_REQUEST_TOO_LARGE';
  if (typeof status === 'number' && status >= 400 && status < 500) return 'EPH_ERR_BAD_QUERY';
  return 'EPH_ERR_INTERNAL';
}

/** A GraphQLError carrying the code in `extensions.code`, for paths that bypass the error formatter. */
export function codedError(error: unknown): GraphQLErrorType {
  const code = errorCode(error);
  const message =
    code === 'EPH_ERR_INTERNAL' ? INTERNAL_MESSAGE : error instanceof Error ? error.message : String(error);
  return new GraphQLError(message, { extensions: { code } });
}
