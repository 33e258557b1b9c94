import type { Raw } from './raw.js';

/**
 * One column of a kubectl printer, as a `meta.k8s.io` Table's `columnDefinitions` carry it: `format`
 * `name` marks the object's name; `priority` 0 is always shown, 1 only with `-o wide`.
 */
export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly priority: number;
}

/**
 * A kind's printer, as kube's printers.go registers it: the column definitions and the function
 * that renders one object's cells (every column, wide ones included; `now` is the moment AGE is
 * measured from).
 */
export interface Printer {
  readonly columns: readonly TableColumn[];
  readonly row: (obj: Raw, now: number) => string[];
}
