export type { ChangesPage } from './changes.js';
export { changeDetail, stateText, transitionText } from './describeChange.js';
export { endpointSetAt } from './endpointsAt.js';
export { History } from './History.js';
export {
  kindChangesAfter,
  kindsHeadAt,
  objectBefore,
  observedAtPosition,
  stillRecording,
} from './kindChanges.js';
export { latestObjects, type ObjectAt } from './latestObjects.js';
export { latestObjectsPage, type PageKey } from './latestObjectsPage.js';
export type { PodMembershipOut } from './podMembership.js';
export type { PodStateRow } from './podRows.js';
export { type PodAtOut, podsAt } from './podsAt.js';
export type { QueryContext } from './QueryContext.js';
export { bucketize, MAX_BUCKETS } from './readyCount.js';
export type * from './types.js';
