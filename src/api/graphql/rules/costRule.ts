import type {
  FieldNode,
  GraphQLNamedType,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { fieldOf, isIntrospection, rootType } from './fieldOf.js';
import { fragmentMemo } from './fragmentMemo.js';

const { GraphQLError, Kind } = graphql;

export interface CostOptions {
  maxCost: number;
  /** Assumed size of a list whose size the query does not bound with `first`. */
  defaultListSize: number;
  /** Expected sizes of lists known to be short, by `Type.field` (a service's ports, a pod's IPs). */
  listSizes?: Readonly<Record<string, number>>;
  /** Variable values of the request, to read `first: $n`; unknown variables count as defaultListSize. */
  variables?: Record<string, unknown> | null;
}

function firstArg(node: FieldNode, variables: CostOptions['variables']): number | null {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return null;
  const v = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const x = variables?.[v.name.value];
    return typeof x === 'number' ? x : null;
  }
  return null;
}

/**
 * The static cost of an operation: each field costs 1 plus its selection's cost, multiplied by the
 * list size when it returns a list. A field with `first` bounds the lists below it (a connection's
 * `edges`); lists named in `listSizes` count as given there, other lists as `defaultListSize`.
 * Refuses costs above `maxCost` (EPH_ERR_QUERY_TOO_COMPLEX). A fragment's cost is worked out once per
 * context it is spread in, and costs saturate just above the maximum, so the rule stays linear in
 * the document even for a fragment that expands to 2^25 fields.
 */
export function costRule(options: CostOptions): ValidationRule {
  const over = options.maxCost + 1;
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const fragment = fragmentMemo(context, 0);
    const costOf = (
      set: SelectionSetNode,
      parent: GraphQLNamedType | null,
      pageSize: number | null,
      parentName: string | null,
    ): number => {
      let total = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (isIntrospection(s)) continue;
          const f = fieldOf(parent, s);
          const first = firstArg(s, options.variables);
          const hint = f.def && parentName ? options.listSizes?.[`${parentName}.${f.def.name}`] : undefined;
          const size = first ?? pageSize ?? hint ?? options.defaultListSize;
          const below = s.selectionSet
            ? costOf(s.selectionSet, f.type, first ?? null, f.type?.name ?? null)
            : 0;
          total += f.isList ? Math.max(1, size) * (1 + below) : 1 + below;
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          const t = s.typeCondition ? (schema.getType(s.typeCondition.name.value) ?? null) : parent;
          total += costOf(s.selectionSet, t, pageSize, parentName);
        } else {
          total += fragment(s.name.value, `${pageSize}\u0000${parentName}`, (f) =>
            costOf(f.selectionSet, schema.getType(f.typeCondition.name.value) ?? null, pageSize, parentName),
          );
        }
        if (total >= over) return over; // enough to refuse; saturating keeps the numbers small
      }
      return total;
    };
    return {
      OperationDefinition(op) {
        const root = rootType(schema, op.operation);
        if (costOf(op.selectionSet, root, null, root?.name ?? null) <= options.maxCost) return;
        context.reportError(
          new GraphQLError(
            `query costs more than ${options.maxCost} (fields × list sizes); ask for fewer fields or pass a smaller first`,
            { nodes: op, extensions: { code: 'EPH_ERR_QUERY_TOO_COMPLEX' } },
          ),
        );
      },
    };
  };
}
