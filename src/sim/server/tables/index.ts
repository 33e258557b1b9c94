export { formatDiscoveryEndpoints } from './endpointsRow.js';
export { formatEndpointsCell } from './formatEndpointsCell.js';
export { humanDuration, translateTimestampSince } from './humanDuration.js';
export { podRow } from './podRow.js';
export { serviceRow } from './serviceRow.js';
export { buildTable, type TableRequest, tableRequestFrom } from './table.js';
