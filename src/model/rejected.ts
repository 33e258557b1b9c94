import type { Rejection, RejectReason } from './types.js';

/**
 * Thrown inside the slimmers to abandon an object at the first problem, and caught at the one
 * boundary (`slimObject`) that turns it into a `Rejection` value. Never escapes this folder.
 */
export class Rejected extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }

  toRejection(): Rejection {
    return { ok: false, reason: this.reason, detail: this.detail };
  }
}

/** A `Rejection` value, for the paths that can say no without throwing. */
export function rejection(reason: RejectReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}
