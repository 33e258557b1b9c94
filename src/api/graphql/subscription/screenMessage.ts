import type { GraphQLSchema } from 'graphql';
import { ephError } from '../../../errors/index.js';
import type { ApiLimits } from '../../limits.js';
import { graphql } from '../graphqlRuntime.js';
import { screenQuery } from '../screenQuery.js';

const { getOperationAST, getVariableValues } = graphql;

/** Message types a client may send, in graphql-transport-ws and in the legacy graphql-ws protocol. */
const START = new Set(['subscribe', 'start']);
const OTHER = new Set(['connection_init', 'connection_terminate', 'ping', 'pong', 'complete', 'stop']);

/** A message refused before mercurius sees it: the id to answer and the coded error. */
export interface Refusal {
  id: unknown;
  error: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a screen needs: the limits and the schema (variables are coerced against it). */
export interface ScreenContext {
  limits: ApiLimits;
  schema: () => GraphQLSchema;
}

function screenStart(message: Record<string, unknown>, { limits, schema }: ScreenContext): void {
  const payload = message.payload;
  if (!isObject(payload)) throw ephError('EPH_ERR_BAD_QUERY', 'a subscribe message needs a payload object');
  if (message.extensions !== undefined) {
    throw ephError('EPH_ERR_BAD_QUERY', 'message extensions are not supported');
  }
  const { operationName, variables } = payload;
  if (operationName != null && typeof operationName !== 'string') {
    throw ephError('EPH_ERR_BAD_QUERY', 'operationName must be a string');
  }
  if (variables != null && !isObject(variables)) {
    throw ephError('EPH_ERR_BAD_QUERY', 'variables must be an object');
  }
  const document = screenQuery(payload.query, limits);
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op) {
    throw ephError(
      'EPH_ERR_BAD_QUERY',
      'the document has no operation of that name; name one with operationName',
    );
  }
  if (op.operation === 'mutation') {
    throw ephError('EPH_ERR_READ_ONLY', 'this API is read-only: it has no mutations');
  }
  if (op.operation === 'query') {
    throw ephError(
      'EPH_ERR_BAD_QUERY',
      'the WebSocket serves subscriptions only: send queries over HTTP (POST /graphql)',
    );
  }
  // mercurius reports a variable that does not coerce as a bare error: coerce here, keeping the code
  const coerced = getVariableValues(schema(), op.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors?.[0]) throw coerced.errors[0];
}

/**
 * What mercurius' WebSocket handler must never see, because it would parse it unbounded or answer it
 * without a code: a message that is not a JSON object with a known `type`, and a subscribe message
 * whose query fails `screenQuery`, names no operation, is a query (served over HTTP) or a mutation
 * (EPH_ERR_READ_ONLY), or has variables that do not coerce. Null when the message may pass.
 */
export function screenMessage(data: unknown, context: ScreenContext): Refusal | null {
  let message: unknown;
  try {
    message = JSON.parse(String(data));
  } catch {
    return { id: null, error: ephError('EPH_ERR_BAD_QUERY', 'a message must be a JSON object') };
  }
  if (!isObject(message) || typeof message.type !== 'string') {
    return { id: null, error: ephError('EPH_ERR_BAD_QUERY', 'a message must be a JSON object with a type') };
  }
  const id = message.id ?? null;
  if (OTHER.has(message.type)) return null;
  if (!START.has(message.type)) {
    return {
      id,
      error: ephError('EPH_ERR_BAD_QUERY', `unknown message type ${JSON.stringify(message.type)}`),
    };
  }
  try {
    screenStart(message, context);
    return null;
  } catch (error) {
    return { id, error };
  }
}
