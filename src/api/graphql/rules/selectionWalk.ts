import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import { graphql } from '../graphqlRuntime.js';

const { getNamedType, getNullableType, GraphQLList, isInterfaceType, isObjectType, Kind } = graphql;

/** A field of a selection set with its definition (null when unknown: validation reports those). */
export interface WalkedField {
  node: FieldNode;
  def: GraphQLField<unknown, unknown> | null;
  isList: boolean;
  type: GraphQLNamedType | null;
}

/**
 * The fields a selection set selects on `parent`, with fragments and inline fragments expanded in
 * place. Introspection fields (`__schema`, `__typename`...) are left out: their size is bounded by
 * the schema. Fragment cycles (reported by validation) are cut.
 */
export function selectedFields(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | null,
  set: SelectionSetNode | undefined,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  visiting: Set<string> = new Set(),
): WalkedField[] {
  const out: WalkedField[] = [];
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value.startsWith('__')) continue;
      const def =
        parent && (isObjectType(parent) || isInterfaceType(parent))
          ? (parent.getFields()[s.name.value] ?? null)
          : null;
      out.push({
        node: s,
        def,
        isList: def ? getNullableType(def.type) instanceof GraphQLList : false,
        type: def ? getNamedType(def.type) : null,
      });
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      const t = s.typeCondition ? (schema.getType(s.typeCondition.name.value) ?? null) : parent;
      out.push(...selectedFields(schema, t, s.selectionSet, fragments, visiting));
    } else {
      const name = s.name.value;
      const f = fragments(name);
      if (!f || visiting.has(name)) continue;
      visiting.add(name);
      out.push(
        ...selectedFields(
          schema,
          schema.getType(f.typeCondition.name.value) ?? null,
          f.selectionSet,
          fragments,
          visiting,
        ),
      );
      visiting.delete(name);
    }
  }
  return out;
}

/** The root type an operation starts from. */
export function rootType(
  schema: GraphQLSchema,
  operation: 'query' | 'mutation' | 'subscription',
): GraphQLNamedType | null {
  return schema.getRootType(operation as never) ?? null;
}
