export {
  ENDPOINT_SOURCES,
  type EndpointSourceChoice,
  type EndpointsAnswer,
  type EndpointsView,
  endpointsViews,
} from '../../query/endpointsViews.js';
export { type EvidencePack, evidencePack, type IpHolding } from './evidencePack.js';
export { type ServiceTimeline, serviceTimeline } from './serviceTimeline.js';
export { withHistory } from './withHistory.js';
