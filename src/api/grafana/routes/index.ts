export { clustersRoute } from './clustersRoute.js';
export { coverageRoute, type GapRow } from './coverageRoute.js';
export { type EndpointAtRow, endpointsAtRoute } from './endpointsAtRoute.js';
export { eventsRoute } from './eventsRoute.js';
export { membershipRoute } from './membershipRoute.js';
export { namespacesRoute, type VariableOption } from './namespacesRoute.js';
export { type OutageRow, outagesRoute } from './outagesRoute.js';
export { readyCountRoute } from './readyCountRoute.js';
export { servicesRoute } from './servicesRoute.js';
