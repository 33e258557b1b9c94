import type { AbortReason } from './reasons.js';

/** A non-2xx answer from the API server, with the Status body when it sent one. */
export class ApiStatusError extends Error {
  override name = 'ApiStatusError';
  constructor(
    readonly status: number,
    message: string,
    /** From `Retry-After` or `details.retryAfterSeconds`, in ms. */
    readonly retryAfterMs: number | null = null,
    /** `reason` of the Status body (Expired, Gone, Forbidden, Timeout, …). */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

/** No byte arrived for longer than the idle limit: the connection is presumed half-open. */
export class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError';
}

/** A watch line that is not a well-formed event: we may have missed a change, so we relist. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Our own abort of a request (the recorder stops, or a write of this stream was lost), not the server's. */
export class AbortedError extends Error {
  override name = 'AbortedError';
  constructor(readonly reason: AbortReason) {
    super(reason);
  }
}

/** The fields of a Kubernetes Status object the recorder uses; null where absent or mistyped. */
function readStatus(object: unknown): {
  code: number | null;
  message: string | null;
  reason: string | null;
  retryAfterMs: number | null;
} {
  const s = (object ?? {}) as {
    code?: unknown;
    message?: unknown;
    reason?: unknown;
    details?: { retryAfterSeconds?: unknown };
  };
  return {
    code: typeof s.code === 'number' ? s.code : null,
    message: typeof s.message === 'string' ? s.message : null,
    reason: typeof s.reason === 'string' ? s.reason : null,
    retryAfterMs:
      typeof s.details?.retryAfterSeconds === 'number' ? s.details.retryAfterSeconds * 1000 : null,
  };
}

/** Builds an ApiStatusError from a status code, headers and the (possibly non-JSON) body. */
export function statusErrorFrom(
  status: number,
  retryAfterHeader: string | undefined,
  body: string,
): ApiStatusError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not a Status body: keep the raw text
  }
  const s = readStatus(parsed);
  let retryAfterMs = s.retryAfterMs;
  const header = retryAfterHeader === undefined ? Number.NaN : Number(retryAfterHeader);
  if (Number.isFinite(header) && header >= 0) retryAfterMs = header * 1000;
  return new ApiStatusError(
    status,
    `HTTP ${status}: ${s.message ?? body.slice(0, 300)}`,
    retryAfterMs,
    s.reason,
  );
}

/** An ERROR event inside a 200 watch stream (410 Expired/Gone, 500, 504 TooLarge). */
export class WatchErrorEvent extends ApiStatusError {
  override name = 'WatchErrorEvent';
}

/** Reads the Status object of an in-band ERROR event. */
export function watchErrorFrom(object: unknown): WatchErrorEvent {
  const s = readStatus(object);
  const code = s.code ?? 500;
  return new WatchErrorEvent(
    code,
    `watch ERROR ${code}: ${s.message ?? 'no message'}`,
    s.retryAfterMs,
    s.reason,
  );
}
