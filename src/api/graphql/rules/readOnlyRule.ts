import type { ValidationContext, ValidationRule } from 'graphql';
import { graphql } from '../graphqlRuntime.js';

const { GraphQLError } = graphql;

/** Refuses mutations with EPH_ERR_READ_ONLY: the API only reads what the recorder wrote. */
export const readOnlyRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(op) {
    if (op.operation !== 'mutation') return;
    context.reportError(
      new GraphQLError('this API is read-only: it has no mutations', {
        nodes: op,
        extensions: { code: 'EPH_ERR_READ_ONLY' },
      }),
    );
  },
});
