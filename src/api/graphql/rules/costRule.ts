import type { FieldNode, ValidationContext, ValidationRule } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { rootType, selectedFields, type WalkedField } from './selectionWalk.js';

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
 * `edges`); lists named in `listSizes` count as given there, other lists as `defaultListSize`. Refuses costs above `maxCost`
 * (EPH_ERR_QUERY_TOO_COMPLEX).
 */
export function costRule(options: CostOptions): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(op) {
      const schema = context.getSchema();
      const fragments = (n: string) => context.getFragment(n);
      const cost = (fields: WalkedField[], pageSize: number | null, parentName: string | null): number => {
        let total = 0;
        for (const f of fields) {
          const first = firstArg(f.node, options.variables);
          const hint = f.def && parentName ? options.listSizes?.[`${parentName}.${f.def.name}`] : undefined;
          const size = first ?? pageSize ?? hint ?? options.defaultListSize;
          const below = f.node.selectionSet
            ? cost(
                selectedFields(schema, f.type, f.node.selectionSet, fragments),
                first ?? null,
                f.type?.name ?? null,
              )
            : 0;
          total += f.isList ? Math.max(1, size) * (1 + below) : 1 + below;
          if (total > options.maxCost) return total; // enough to refuse: stop walking
        }
        return total;
      };
      const total = cost(
        selectedFields(schema, rootType(schema, op.operation), op.selectionSet, fragments),
        null,
        rootType(schema, op.operation)?.name ?? null,
      );
      if (total > options.maxCost) {
        context.reportError(
          new GraphQLError(
            `query costs more than ${options.maxCost} (fields × list sizes); ask for fewer fields or pass a smaller first`,
            { nodes: op, extensions: { code: 'EPH_ERR_QUERY_TOO_COMPLEX' } },
          ),
        );
      }
    },
  });
}
