import type { FastifyRequest } from 'fastify';
import { ephError } from '../../errors/index.js';
import type { ApiLimits } from '../limits.js';
import { graphql } from './graphqlRuntime.js';
import { screenQuery } from './screenQuery.js';

const { Kind } = graphql;

/** Query texts screened recently, with their operations' names; only short ones, so memory stays small. */
const REMEMBERED = 256;
const REMEMBERED_LENGTH = 4096;

type Operations = readonly (string | null)[];

/** The operation a request names: mercurius reads it from the query string (GET) or the body (POST). */
function operationName(request: FastifyRequest | undefined): string | undefined {
  const from = (request?.method === 'GET' ? request.query : request?.body) as
    | { operationName?: unknown }
    | undefined;
  return typeof from?.operationName === 'string' ? from.operationName : undefined;
}

/**
 * mercurius' `preParsing` hook for HTTP requests: `screenQuery` on every text before mercurius
 * parses it, then a check that the request names an operation the document has (one of several by
 * `operationName`, or the only one) — which mercurius' GET path assumes and fails on with an internal
 * error otherwise. Texts that passed are remembered, so a dashboard repeating one pays once.
 */
export function httpQueryScreen(limits: ApiLimits) {
  const passed = new Map<string, Operations>();
  return async (_schema: unknown, source: string, context: { reply?: { request: FastifyRequest } }) => {
    let operations = passed.get(source);
    if (operations === undefined) {
      const document = screenQuery(source, limits);
      operations = document.definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? null] : [],
      );
      if (source.length <= REMEMBERED_LENGTH) {
        if (passed.size >= REMEMBERED) passed.clear();
        passed.set(source, operations);
      }
    }
    const name = operationName(context.reply?.request);
    const found = name === undefined ? operations.length === 1 : operations.includes(name);
    if (!found) {
      throw ephError(
        'EPH_ERR_BAD_QUERY',
        name !== undefined
          ? `the document has no operation named "${name}"`
          : operations.length === 0
            ? 'the document has no operation to run'
            : `the document has ${operations.length} operations: name the one to run with operationName`,
      );
    }
  };
}
