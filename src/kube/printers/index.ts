export {
  ENDPOINT_SLICE_COLUMNS,
  ENDPOINTS_COLUMNS,
  endpointSliceRow,
  endpointsRow,
  formatDiscoveryEndpoints,
  formatDiscoveryPorts,
  NAMESPACE_COLUMNS,
  namespaceRow,
} from './endpointsRow.js';
export { endpointsTable } from './endpointsTable.js';
export { type EndpointsLike, formatEndpointsCell, joinHostPort } from './formatEndpointsCell.js';
export { humanDuration, translateTimestampSince } from './humanDuration.js';
export { POD_COLUMNS, podRow } from './podRow.js';
export type { Printer, TableColumn } from './printer.js';
export { PRINTERS, type PrintedKind, printerFor } from './printers.js';
export { type PrintTableOptions, printTable } from './printTable.js';
export { formatLabels, type Raw } from './raw.js';
export { SERVICE_COLUMNS, serviceExternalIP, servicePorts, serviceRow } from './serviceRow.js';
export { buildTable, type IncludeObject, type TableRequest, tableRequestFrom } from './table.js';
export { KUBECTL_DESCRIBE, KUBECTL_TABLE, kubectlTable, type TabwriteOptions, tabwrite } from './tabwrite.js';
