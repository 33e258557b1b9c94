import type { ValidationContext, ValidationRule } from 'graphql';
import { graphql } from '../graphqlRuntime.js';

const { GraphQLError } = graphql;

/**
 * Refuses a subscription sent over HTTP (GET or POST) with EPH_ERR_BAD_QUERY and says where it
 * belongs: executed over HTTP it would fail deep inside graphql-js with an internal error.
 */
export const httpOperationRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(op) {
    if (op.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError(
        'subscriptions are served over WebSocket (graphql-transport-ws) at /graphql, not over HTTP',
        { nodes: op, extensions: { code: 'EPH_ERR_BAD_QUERY' } },
      ),
    );
  },
});
