export { errorCode } from './errorCode.js';
export { loadSchemaSource } from './loadSchema.js';
export { DEFAULT_LIST_SIZE, type GraphqlOptions, registerGraphql } from './registerGraphql.js';
