export { loadSchemaSource } from './loadSchema.js';
export { type GraphqlOptions, registerGraphql } from './registerGraphql.js';
