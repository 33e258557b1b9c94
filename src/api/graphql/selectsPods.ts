import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { graphql } from './graphqlRuntime.js';

const { Kind } = graphql;

type Visit = (set: SelectionSetNode | undefined) => boolean;

/**
 * Whether the field being resolved selects `pod` inside one of `lists` (e.g. `addresses`), through
 * fragments and inline fragments: then the answer describes pods, and its completeness must cover
 * the Pod kind too. Each fragment is searched at most once per question (a fragment already searched
 * found nothing), so a query that spreads fragments exponentially costs linear time here.
 */
export function selectsPods(info: GraphQLResolveInfo, lists: readonly string[]): boolean {
  /** Whether a field named in `names` under `set` has a selection for which `then` holds. */
  const finder = (names: readonly string[], then: Visit): Visit => {
    const searched = new Set<string>();
    const find: Visit = (set) => {
      for (const s of set?.selections ?? []) {
        if (s.kind === Kind.FIELD) {
          if (names.includes(s.name.value) && then(s.selectionSet)) return true;
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          if (find(s.selectionSet)) return true;
        } else if (!searched.has(s.name.value)) {
          searched.add(s.name.value);
          if (find(info.fragments[s.name.value]?.selectionSet)) return true;
        }
      }
      return false;
    };
    return find;
  };
  const findList = finder(
    lists,
    finder(['pod'], () => true),
  );
  return info.fieldNodes.some((node) => findList(node.selectionSet));
}
