export {
  endpointSliceRow,
  endpointsRow,
  formatDiscoveryEndpoints,
  formatDiscoveryPorts,
} from './endpointsRow.js';
export { type EndpointsLike, formatEndpointsCell, joinHostPort } from './formatEndpointsCell.js';
export { humanDuration, translateTimestampSince } from './humanDuration.js';
export { podRow } from './podRow.js';
export { formatLabels } from './raw.js';
export { serviceExternalIP, servicePorts, serviceRow } from './serviceRow.js';
export {
  buildTable,
  type IncludeObject,
  PRINTERS,
  type TableColumn,
  type TableRequest,
  tableRequestFrom,
} from './table.js';
