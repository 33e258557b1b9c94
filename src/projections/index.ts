export { applyEvent } from './applyEvent.js';
export { createFoldState, type FoldState } from './foldState.js';
export { MemoryProjection, type MemoryRow } from './MemoryProjection.js';
export {
  projectionIndexes,
  type RebuildProgress,
  type RebuildResult,
  rebuildProjections,
} from './rebuild.js';
export {
  membersFromEndpoints,
  membersFromSlice,
  unionOfSlices,
} from './rows/memberRows.js';
export * from './types.js';
