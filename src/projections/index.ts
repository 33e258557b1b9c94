export { applyEvent } from './applyEvent.js';
export { diffRows } from './diffRows.js';
export {
  createFoldState,
  type FoldState,
  type OpenRowsOf,
  type SliceEntry,
  setEndpoints,
  setSlice,
} from './foldState.js';
export { attrsEqual, joinKey, serviceKey } from './keys.js';
export { MemoryProjection, type MemoryRow } from './MemoryProjection.js';
export type { OpenRows } from './OpenRows.js';
export { restoreEvent } from './restoreEvent.js';
export { membersFromEndpoints, membersFromSlice, unionOfSlices } from './rows/memberRows.js';
export * from './tables/index.js';
export * from './types.js';
