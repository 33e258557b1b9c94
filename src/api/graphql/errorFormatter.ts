import type { ExecutionResult, GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { ErrorCode } from '../../errors/index.js';
import { INTERNAL_MESSAGE, statusOf } from '../../errors/index.js';
import { errorCode } from './errorCode.js';

interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { code: ErrorCode };
}

/** mercurius wraps request-level failures in one error whose `errors` holds the real ones. */
function flatten(errors: readonly GraphQLError[]): unknown[] {
  return errors.flatMap((e) => {
    const inner = (e.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(inner) ? inner : [e];
  });
}

function format(error: unknown, log: MercuriusContext['app']['log']): FormattedError {
  const code = errorCode(error);
  const e = error as Partial<GraphQLError> & { message?: string };
  if (code === 'EPH_ERR_INTERNAL')
    log.error({ err: (e.originalError ?? error) as Error }, 'graphql internal error');
  const out: FormattedError = {
    message: code === 'EPH_ERR_INTERNAL' ? INTERNAL_MESSAGE : String(e.message),
    extensions: { code },
  };
  if (e.locations) out.locations = e.locations;
  if (e.path) out.path = e.path;
  return out;
}

/**
 * mercurius `errorFormatter`: every error gets exactly one `extensions.code` (EPH_ERR_*), internal
 * errors are logged and replaced by a generic message. A response without data (the request was
 * refused before execution) has the status of its first client error (400; 413 for a body too large),
 * or 500 when only internal errors caused it; else 200.
 */
export function errorFormatter(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  context: MercuriusContext,
): { statusCode: number; response: { data: unknown; errors: FormattedError[] } } {
  const log = context.reply ? context.reply.log : context.app.log;
  const errors = flatten(execution.errors).map((e) => format(e, log));
  const refused = execution.data === undefined;
  const client = errors.find((e) => e.extensions.code !== 'EPH_ERR_INTERNAL');
  return {
    statusCode: refused ? (client ? statusOf(client.extensions.code) : 500) : 200,
    response: { data: execution.data ?? null, errors },
  };
}
