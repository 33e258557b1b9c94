export {
  ENDPOINT_SOURCES,
  type EndpointSourceChoice,
  type EndpointsAnswer,
  type EndpointsView,
  endpointsViews,
} from './endpointsViews.js';
export { withHistory } from './withHistory.js';
