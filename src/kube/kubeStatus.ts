/** The reasons (metav1.StatusReason) the read-only API answers with. */
export type KubeStatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'Invalid'
  | 'InternalError';

/** One cause of a Status (metav1.StatusCause: its `Type` serialises as `reason`). */
export interface KubeStatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** A failure as the Kubernetes API serialises it (metav1.Status): what kubectl parses and prints. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: KubeStatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: KubeStatusCause[];
  };
  code: number;
}

/**
 * A failure Status. kubectl prints it as `Error from server (<reason>): <message>` (401 as "You must be
 * logged in to the server (<message>)"), so the message is written for the person at the terminal.
 */
export function kubeStatus(
  code: number,
  reason: KubeStatusReason,
  message: string,
  details?: KubeStatus['details'],
): KubeStatus {
  const s: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details !== undefined) s.details = details;
  return s;
}
