import { printerFor } from './printers.js';
import type { Raw } from './raw.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRequest {
  /** meta.k8s.io version the client asked for. */
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
}

/**
 * Reads an `Accept` header the way the API server negotiates server-side printing: the first media
 * range with `as=Table;g=meta.k8s.io` wins (kubectl sends v1, then v1beta1, then plain JSON).
 * Returns null when the client did not ask for a Table.
 */
export function tableRequestFrom(
  accept: string | undefined,
  includeObject: string | undefined,
): TableRequest | null {
  if (!accept) return null;
  for (const range of accept.split(',')) {
    const params = new Map(
      range
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (params.get('as') !== 'Table' || params.get('g') !== 'meta.k8s.io') continue;
    const v = params.get('v');
    if (v !== 'v1' && v !== 'v1beta1') continue;
    const inc: IncludeObject =
      includeObject === 'None' || includeObject === 'Object' ? includeObject : 'Metadata';
    return { version: v, includeObject: inc };
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
