export { type BuildAppOptions, buildApp } from './buildApp.js';
export type { ApiContext } from './context.js';
export { type ApiLimits, DEFAULT_LIMITS } from './limits.js';
export { isPublicRoute, PUBLIC_ROUTE } from './publicRoute.js';
