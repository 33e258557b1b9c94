import {
  ENDPOINT_SLICE_COLUMNS,
  ENDPOINTS_COLUMNS,
  endpointSliceRow,
  endpointsRow,
  NAMESPACE_COLUMNS,
  namespaceRow,
} from './endpointsRow.js';
import { POD_COLUMNS, podRow } from './podRow.js';
import type { Printer } from './printer.js';
import { SERVICE_COLUMNS, serviceRow } from './serviceRow.js';

/** kubectl's printers for the kinds we know (kind → columns and row function). */
export const PRINTERS = {
  Pod: { columns: POD_COLUMNS, row: podRow },
  Service: { columns: SERVICE_COLUMNS, row: serviceRow },
  Endpoints: { columns: ENDPOINTS_COLUMNS, row: endpointsRow },
  EndpointSlice: { columns: ENDPOINT_SLICE_COLUMNS, row: endpointSliceRow },
  Namespace: { columns: NAMESPACE_COLUMNS, row: namespaceRow },
} as const satisfies Record<string, Printer>;

export type PrintedKind = keyof typeof PRINTERS;

/** The printer of `kind`, or undefined for a kind without one. */
export function printerFor(kind: string): Printer | undefined {
  return Object.hasOwn(PRINTERS, kind) ? PRINTERS[kind as PrintedKind] : undefined;
}
