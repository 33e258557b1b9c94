import type { ErrorCode } from './codes.js';

/** A user-facing error with one stable code; built only through `ephError`. */
export class EphError extends Error {
  override name = 'EphError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function ephError(code: ErrorCode, message: string, details?: Record<string, unknown>): EphError {
  return new EphError(code, message, details);
}

export function isEphError(error: unknown): error is EphError {
  return error instanceof EphError;
}
