import type { Printer } from './printer.js';
import type { Raw } from './raw.js';
import { kubectlTable } from './tabwrite.js';

export interface PrintTableOptions {
  /** `-o wide`: also the priority-1 columns. */
  wide: boolean;
  /** `-A`: a NAMESPACE column first, from each object's metadata.namespace. */
  allNamespaces: boolean;
}

/**
 * What `kubectl get` prints for `objects` through `printer` (kubectl's HumanReadablePrinter): a header
 * of the upper-cased column names, one row per object, the priority-1 columns only when wide, a
 * NAMESPACE column first with `-A`, aligned by kubectl's tabwriter. AGE is measured from `now`.
 */
export function printTable(
  printer: Printer,
  objects: readonly object[],
  now: number,
  options: PrintTableOptions,
): string {
  const shown = printer.columns.flatMap((c, i) => (options.wide || c.priority === 0 ? [i] : []));
  const header = shown.map((i) => printer.columns[i]!.name.toUpperCase());
  const rows = objects.map((o) => {
    const cells = printer.row(o as Raw, now);
    return shown.map((i) => cells[i] ?? '');
  });
  const all = [header, ...rows];
  if (!options.allNamespaces) return kubectlTable(all);
  const namespaceOf = (o: object): string => {
    const ns = ((o as Raw).metadata as Raw | undefined)?.namespace;
    return typeof ns === 'string' ? ns : '';
  };
  return kubectlTable(all.map((r, i) => [i === 0 ? 'NAMESPACE' : namespaceOf(objects[i - 1]!), ...r]));
}
