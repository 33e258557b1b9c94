import type { FragmentDefinitionNode, ValidationContext } from 'graphql';

/**
 * The result of a computation over a named fragment, made once per (fragment, key) in a document:
 * what keeps a rule linear in the document when fragments spread each other many times (the
 * "fragment bomb", where n fragments each spreading the next twice expand to 2^n fields). A fragment
 * that does not exist, or that spreads itself back (both reported by graphql's own rules), is `cut`.
 */
export function fragmentMemo<T>(
  context: ValidationContext,
  cut: T,
): (name: string, key: string, compute: (fragment: FragmentDefinitionNode) => T) => T {
  const memo = new Map<string, T>();
  const visiting = new Set<string>();
  return (name, key, compute) => {
    const id = `${name}\u0000${key}`;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || visiting.has(id)) return cut;
    visiting.add(id);
    const value = compute(fragment);
    visiting.delete(id);
    memo.set(id, value);
    return value;
  };
}
