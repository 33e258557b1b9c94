export { ERROR_CODES, type ErrorCode } from './codes.js';
export { EphError, ephError, isEphError } from './EphError.js';
