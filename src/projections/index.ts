export { applyEvent } from './applyEvent.js';
export { createFoldState, type FoldState } from './foldState.js';
export { MemoryProjection, type MemoryRow } from './MemoryProjection.js';
export { rebuildProjections, type RebuildResult, type RebuildProgress } from './rebuild.js';
export { membersFromSlices, membersFromEndpoints } from './rows/memberRows.js';
export * from './types.js';
