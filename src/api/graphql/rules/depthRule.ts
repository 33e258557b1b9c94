import type { SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { isIntrospection } from './fieldOf.js';
import { fragmentMemo } from './fragmentMemo.js';

const { GraphQLError, Kind } = graphql;

/**
 * Refuses an operation whose fields nest deeper than `maxDepth` (EPH_ERR_QUERY_TOO_DEEP).
 * `{ endpoints { addresses { ip } } }` has depth 3; introspection fields do not count. The depth of
 * each fragment is worked out once, so the rule is linear in the document however often it spreads.
 */
export function depthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragment = fragmentMemo(context, 0);
    const depthOf = (set: SelectionSetNode): number => {
      let max = 0;
      for (const s of set.selections) {
        const d =
          s.kind === Kind.FIELD
            ? isIntrospection(s)
              ? 0
              : 1 + (s.selectionSet ? depthOf(s.selectionSet) : 0)
            : s.kind === Kind.INLINE_FRAGMENT
              ? depthOf(s.selectionSet)
              : fragment(s.name.value, '', (f) => depthOf(f.selectionSet));
        if (d > max) max = d;
      }
      return max;
    };
    return {
      OperationDefinition(op) {
        if (depthOf(op.selectionSet) <= maxDepth) return;
        context.reportError(
          new GraphQLError(`query nests more than ${maxDepth} levels deep (the maximum depth)`, {
            nodes: op,
            extensions: { code: 'EPH_ERR_QUERY_TOO_DEEP' },
          }),
        );
      },
    };
  };
}
