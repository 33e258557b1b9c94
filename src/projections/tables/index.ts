import type { ProjectionName } from '../types.js';
import { ENDPOINT_MEMBERS } from './endpointMembers.js';
import type { ProjectionTable } from './ProjectionTable.js';
import { POD_IPS } from './podIps.js';
import { POD_STATES } from './podStates.js';
import { SERVICE_STATES } from './serviceStates.js';

export { ENDPOINT_MEMBERS, endpointIdentity, memberScope } from './endpointMembers.js';
export {
  type AttrColumn,
  type CloseColumn,
  type ColumnType,
  column,
  columnValues,
  INTERVAL_COLUMNS,
  ownerOf,
  type ProjectionTable,
  type TableLayout,
} from './ProjectionTable.js';
export { POD_IPS, podScope } from './podIps.js';
export { POD_STATES } from './podStates.js';
export { SERVICE_STATES } from './serviceStates.js';

/** Every projection table's declaration, by name. */
export const TABLES: { readonly [P in ProjectionName]: ProjectionTable<P> } = {
  endpoint_members: ENDPOINT_MEMBERS,
  pod_ips: POD_IPS,
  pod_states: POD_STATES,
  service_states: SERVICE_STATES,
};
