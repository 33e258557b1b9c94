import { mediaRanges } from '../mediaRanges.js';
import { printerFor } from './printers.js';
import type { Raw } from './raw.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRequest {
  /** meta.k8s.io version the client asked for. */
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
}

/**
 * Reads an `Accept` header the way the API server negotiates server-side printing: media ranges in
 * the client's order (kubectl sends Table v1, then v1beta1, then plain JSON, no q-values); the first
 * that is either a meta.k8s.io Table of a known version or plain JSON decides. Returns null when the
 * client did not ask for a Table, or prefers plain JSON. `includeObject` is the query parameter
 * (default `Metadata`, as the API server's).
 */
export function tableRequestFrom(
  accept: string | undefined,
  includeObject: string | undefined,
): TableRequest | null {
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

/**
 * Builds a `meta.k8s.io` Table for `objects` of `kind` (objects carrying kind/apiVersion or not);
 * `listMeta` becomes the table's metadata (resourceVersion, continue, remainingItemCount). Every cell,
 * wide ones included, is rendered; kubectl hides priority>0 columns unless `-o wide`.
 * Returns null for a kind without a printer.
 */
export function buildTable(
  kind: string,
  apiVersion: string,
  objects: Raw[],
  listMeta: Raw,
  request: TableRequest,
  now: number,
): Raw | null {
  const printer = printerFor(kind);
  if (!printer) return null;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${request.version}`,
    metadata: listMeta,
    columnDefinitions: printer.columns.map((c) => ({ ...c, description: '' })),
    rows: objects.map((o) => {
      const row: Raw = { cells: printer.row(o, now) };
      if (request.includeObject === 'Object') row.object = { ...o, kind, apiVersion };
      else if (request.includeObject === 'Metadata') {
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: `meta.k8s.io/${request.version}`,
          metadata: o.metadata,
        };
      }
      return row;
    }),
  };
}
