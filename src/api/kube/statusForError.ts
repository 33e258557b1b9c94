import type { ErrorCode } from '../../errors/index.js';
import { type KubeStatus, type KubeStatusReason, kubeStatus } from '../../kube/kubeStatus.js';
import { httpError } from '../httpError.js';

/** The Kubernetes reason and HTTP status of each of our codes; anything else is a 400 BadRequest. */
const REASONS: Partial<Record<ErrorCode, [number, KubeStatusReason]>> = {
  EPH_ERR_UNAUTHENTICATED: [401, 'Unauthorized'],
  EPH_ERR_CROSS_ORIGIN: [403, 'Forbidden'],
  EPH_ERR_NOT_FOUND: [404, 'NotFound'],
  EPH_ERR_UNKNOWN_CLUSTER: [404, 'NotFound'],
  EPH_ERR_UNKNOWN_SERVICE: [404, 'NotFound'],
  EPH_ERR_UNKNOWN_POD: [404, 'NotFound'],
  EPH_ERR_NOT_RECORDED: [404, 'NotFound'],
  EPH_ERR_READ_ONLY: [405, 'MethodNotAllowed'],
  EPH_ERR_REQUEST_TOO_LARGE: [413, 'RequestEntityTooLarge'],
  EPH_ERR_DB_MISSING: [500, 'InternalError'],
  EPH_ERR_DB_NEWER: [500, 'InternalError'],
  EPH_ERR_DB_OLDER: [500, 'InternalError'],
  EPH_ERR_DB_NOT_HISTORY: [500, 'InternalError'],
  EPH_ERR_DB_UNREADABLE: [500, 'InternalError'],
  EPH_ERR_INTERNAL: [500, 'InternalError'],
};

/**
 * Our error `code` and `message` as a Kubernetes Status, which kubectl parses and prints
 * (`Error from server (NotFound): …`): the Kubernetes reason and HTTP status that mean the same, our
 * message, and our code as the one cause, so scripts can still tell EPH_ERR_NOT_RECORDED ("unknown")
 * from a plain NotFound ("absent").
 */
export function statusForCode(code: ErrorCode, message: string): KubeStatus {
  const [status, reason] = REASONS[code] ?? [400, 'BadRequest'];
  return kubeStatus(status, reason, message, { causes: [{ reason: code, message }] });
}

/** Any failure of a kube route as a Status: ours keep their code, the rest become 400 or 500 as `httpError` decides. */
export function statusForError(error: unknown): KubeStatus {
  const { code, message } = httpError(error);
  return statusForCode(code, message);
}
