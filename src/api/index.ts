export { buildApp, type BuildAppOptions } from './buildApp.js';
export type { ApiContext } from './context.js';
export { DEFAULT_LIMITS, type ApiLimits } from './limits.js';
