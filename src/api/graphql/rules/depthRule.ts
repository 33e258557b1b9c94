import type { ValidationContext, ValidationRule } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { rootType, selectedFields } from './selectionWalk.js';

const { GraphQLError } = graphql;

/**
 * Refuses an operation whose fields nest deeper than `maxDepth` (EPH_ERR_QUERY_TOO_DEEP).
 * `{ endpoints { addresses { ip } } }` has depth 3; introspection fields do not count.
 */
export function depthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(op) {
      const schema = context.getSchema();
      const depth = (
        parent: ReturnType<typeof rootType>,
        set: Parameters<typeof selectedFields>[2],
        level: number,
      ): number => {
        if (level > maxDepth) return level; // deep enough to refuse: stop walking
        let max = level;
        for (const f of selectedFields(schema, parent, set, (n) => context.getFragment(n))) {
          max = Math.max(
            max,
            f.node.selectionSet ? depth(f.type, f.node.selectionSet, level + 1) : level + 1,
          );
        }
        return max;
      };
      const d = depth(rootType(schema, op.operation), op.selectionSet, 0);
      if (d > maxDepth) {
        context.reportError(
          new GraphQLError(`query nests more than ${maxDepth} levels deep (the maximum depth)`, {
            nodes: op,
            extensions: { code: 'EPH_ERR_QUERY_TOO_DEEP' },
          }),
        );
      }
    },
  });
}
