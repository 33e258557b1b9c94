import type { FastifyInstance } from 'fastify';
import type { DocumentNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { graphql } from './graphqlRuntime.js';

const { Kind } = graphql;

/** The `operationName` of the request: mercurius reads it from the JSON body (POST) or the URL (GET). */
function requestedOperation(context: MercuriusContext): string | null {
  const request = context.reply?.request;
  const from = (request?.method === 'GET' ? request.query : request?.body) as
    | { operationName?: unknown }
    | null
    | undefined;
  const name = from?.operationName;
  return typeof name === 'string' ? name : null;
}

/**
 * mercurius caches one graphql-jit compilation per query TEXT, compiled for the operation the request
 * that triggered it named, and runs it for later requests without looking at their `operationName`:
 * a document with two operations would answer B with A, and an unknown name would pass once compiled.
 * A request may use the compiled query only when its document has one operation and it names that
 * one (or none); any other request is handed back unchanged as a "modified" document, which
 * mercurius executes with graphql-js, which picks the named operation or refuses an unknown name —
 * the same answer every time, whether or not the text was compiled before.
 */
export function registerOperationGuard(app: FastifyInstance): void {
  // an unknown name is refused before this, by httpQueryScreen (HTTP) and guardSocket (WebSocket)
  app.graphql.addHook('preExecution', async (_schema, document: DocumentNode, context) => {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const name = requestedOperation(context);
    const only = operations.length === 1 ? operations[0] : undefined;
    if (only && (name === null || only.name?.value === name)) return;
    return { document };
  });
}
