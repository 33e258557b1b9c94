export {
  ERROR_CODES,
  type ErrorCode,
  type ErrorFacts,
  exitCodeOf,
  INTERNAL_MESSAGE,
  isErrorCode,
  statusOf,
} from './codes.js';
export { EphError, ephError, isEphError } from './EphError.js';
