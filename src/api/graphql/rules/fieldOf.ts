import type { FieldNode, GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { graphql } from '../graphqlRuntime.js';

const { getNamedType, getNullableType, GraphQLList, isInterfaceType, isObjectType } = graphql;

/** A selected field with its definition on the parent type (null when unknown: validation reports those). */
export interface FieldInfo {
  def: GraphQLField<unknown, unknown> | null;
  isList: boolean;
  /** The named type the field returns, the parent of its own selection set. */
  type: GraphQLNamedType | null;
}

/** What `node` selects on `parent`. */
export function fieldOf(parent: GraphQLNamedType | null, node: FieldNode): FieldInfo {
  const def =
    parent && (isObjectType(parent) || isInterfaceType(parent))
      ? (parent.getFields()[node.name.value] ?? null)
      : null;
  return {
    def,
    isList: def ? getNullableType(def.type) instanceof GraphQLList : false,
    type: def ? getNamedType(def.type) : null,
  };
}

/** The root type an operation starts from. */
export function rootType(
  schema: GraphQLSchema,
  operation: 'query' | 'mutation' | 'subscription',
): GraphQLNamedType | null {
  return schema.getRootType(operation as never) ?? null;
}

/** Introspection fields (`__schema`, `__typename`...) count for no limit: the schema bounds their size. */
export const isIntrospection = (node: FieldNode): boolean => node.name.value.startsWith('__');
