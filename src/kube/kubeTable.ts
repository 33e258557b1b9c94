import { PRINTERS } from '../sim/server/tables/table.js';
import { mediaRanges } from './mediaRanges.js';

/** `includeObject` of meta.k8s.io TableOptions: what each row carries beside its cells. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A client's request for server-side printing. */
export interface TableAsk {
  /** The meta.k8s.io version asked for. */
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
}

/**
 * Whether the `Accept` header asks for a Table, and which: the first media range that is either a
 * meta.k8s.io Table (kubectl sends `as=Table;v=v1`, then `v1beta1`, then plain JSON) or plain JSON
 * decides. `includeObject` is the query parameter (default `Metadata`, as the API server's).
 */
export function negotiateTable(
  accept: string | undefined,
  includeObject: string | undefined,
): TableAsk | null {
  for (const range of mediaRanges(accept)) {
    const p = range.params;
    if (p.get('as') === 'Table' && p.get('g') === 'meta.k8s.io') {
      const v = p.get('v');
      if (v !== 'v1' && v !== 'v1beta1') continue;
      const inc: IncludeObject =
        includeObject === 'None' || includeObject === 'Object' ? includeObject : 'Metadata';
      return { version: v, includeObject: inc };
    }
    if (!p.has('as')) return null;
  }
  return null;
}

/** An object as served (kind-less list item shape), with the metadata every kind has. */
export type KubeJson = Record<string, unknown> & { metadata: Record<string, unknown> };

/**
 * A meta.k8s.io Table of `objects` of `kind` with kubectl's own columns (printers.go column
 * definitions; kubectl hides priority > 0 columns unless `-o wide`), every cell rendered as of `now`
 * (the moment asked, so AGE is the age the object had then). `listMeta` becomes the table's metadata
 * (resourceVersion, continue, remainingItemCount). Throws for a kind without a printer.
 */
export function kubeTable(
  kind: string,
  apiVersion: string,
  objects: readonly KubeJson[],
  listMeta: Record<string, unknown>,
  ask: TableAsk,
  now: number,
): Record<string, unknown> {
  const printer = PRINTERS[kind];
  if (!printer) throw new Error(`no table printer for kind ${kind}`);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${ask.version}`,
    metadata: listMeta,
    columnDefinitions: printer.columns.map((c) => ({ ...c, description: '' })),
    rows: objects.map((o) => {
      const row: Record<string, unknown> = { cells: printer.row(o, now) };
      if (ask.includeObject === 'Object') row.object = { kind, apiVersion, ...o };
      else if (ask.includeObject === 'Metadata')
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: `meta.k8s.io/${ask.version}`,
          metadata: o.metadata,
        };
      return row;
    }),
  };
}
