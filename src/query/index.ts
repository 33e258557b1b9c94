// the event numbers the texts of answers cite (render and the CLI format them)
export { eventNumber } from '../store/index.js';
export type { ChangesPage } from './changes.js';
export { ALIVE_WINDOW_MS, type ClusterSummaryOut, type KindCoverageOut } from './clusterSummaries.js';
export { changeDetail, stateText, transitionText } from './describeChange.js';
export type { EndpointsAtArgs } from './endpointsAt.js';
export type { EndpointsObjectOut, EndpointsObjectsArgs, EndpointsObjectsOut } from './endpointsObjects.js';
export {
  ENDPOINT_SOURCES,
  type EndpointSourceChoice,
  type EndpointsAnswer,
  type EndpointsView,
  endpointsViews,
} from './endpointsViews.js';
export type { EvidencePack, IpHolding } from './evidencePack.js';
export { History } from './History.js';
export type { EndpointHistoryOut, EndpointIntervalOut, MemberIntervalsOut } from './memberIntervals.js';
export type { PodMembershipOut } from './podMembership.js';
export type { PodAtOut } from './podsAt.js';
export { bucketize, MAX_BUCKETS } from './readyCount.js';
export type { ServiceRangeArgs } from './serviceRange.js';
export type { ServiceTimeline } from './serviceTimeline.js';
export type * from './types.js';
