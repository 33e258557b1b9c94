import { createRequire } from 'node:module';

/**
 * graphql-js loaded the way mercurius loads it (CommonJS). graphql 16 ships both an ESM and a CJS
 * build; bundler-style resolvers (vitest) pick the ESM one for `import`, and its classes then fail
 * graphql's cross-realm `instanceof` checks against mercurius' schema. Requiring it keeps one realm.
 */
export const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
