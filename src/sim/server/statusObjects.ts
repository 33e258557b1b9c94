/** A metav1.Status as the API server serialises it. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

export function status(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): Status {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) s.details = details;
  return s;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter';

/** 410 for a continue token below the compaction floor; with `newToken` the inconsistent-continuation variant. */
export function expiredContinue(newToken?: string): Status {
  if (!newToken) return status(410, 'Expired', `${EXPIRED_CONTINUE}.`);
  const s = status(
    410,
    'Expired',
    `${EXPIRED_CONTINUE}, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.`,
  );
  s.metadata = { continue: newToken };
  return s;
}

/** In-band watch error for a start RV below the watch-cache floor (watch_cache.go wording). */
export function tooOldResourceVersion(
  rv: number,
  floor: number,
  reason: 'Expired' | 'Gone' = 'Expired',
): Status {
  return status(410, reason, `too old resource version: ${rv} (${floor})`);
}

/** 410 for an Exact list below the compaction floor (etcd3 wording). */
export function expiredListResourceVersion(): Status {
  return status(410, 'Expired', 'The resourceVersion for the provided list is too old.');
}

/** 504 for a LIST (or watch-list) whose RV is ahead of storage, after the block timeout. */
export function tooLargeResourceVersion(rv: number, current: number): Status {
  return status(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

export function internalError(message = 'Internal error occurred: etcdserver: request timed out'): Status {
  return status(500, 'InternalError', message, { causes: [{ message }] });
}

export function notFound(resource: string, name: string, group = ''): Status {
  const gr = group ? `${resource}.${group}` : resource;
  return status(
    404,
    'NotFound',
    name ? `${gr} "${name}" not found` : 'the server could not find the requested resource',
    {
      name,
      group,
      kind: resource,
    },
  );
}

export function unauthorized(): Status {
  return status(401, 'Unauthorized', 'Unauthorized');
}

/** RBAC denial, in the RBAC authorizer's words: `<user> cannot <verb> resource "<resource>" …`. */
export function forbidden(resource: string, group: string, verb: string, namespace?: string): Status {
  const gr = group ? `${resource}.${group}` : resource;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return status(
    403,
    'Forbidden',
    `${gr} is forbidden: User "system:serviceaccount:endpoint-history:endpoint-history" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
    { group, kind: resource },
  );
}

export function badRequest(message: string): Status {
  return status(400, 'BadRequest', message);
}

export function methodNotAllowed(): Status {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** One field error of ListOptions validation, e.g. `Forbidden` on `sendInitialEvents`. */
export interface FieldError {
  field: string;
  /** `FieldValueForbidden` → "Forbidden", `FieldValueNotSupported` → "Unsupported value". */
  type: 'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueInvalid';
  detail: string;
}

const TYPE_TEXT = {
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueInvalid: 'Invalid value',
};

/** 422 Invalid for ListOptions (apimachinery `NewInvalid(meta.k8s.io/ListOptions, "", errs)`). */
export function invalidListOptions(errors: FieldError[]): Status {
  const parts = errors.map((e) => `${e.field}: ${TYPE_TEXT[e.type]}: ${e.detail}`);
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return status(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${joined}`, {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes: errors.map((e) => ({
      reason: e.type,
      message: `${TYPE_TEXT[e.type]}: ${e.detail}`,
      field: e.field,
    })),
  });
}

/** Default bodies for injected HTTP errors, keyed by code. */
export function defaultStatusFor(code: number): Status {
  switch (code) {
    case 401:
      return unauthorized();
    case 403:
      return forbidden('endpointslices', 'discovery.k8s.io', 'list');
    case 404:
      return notFound('', '');
    case 410:
      return expiredListResourceVersion();
    case 422:
      return invalidListOptions([
        { field: 'resourceVersionMatch', type: 'FieldValueForbidden', detail: 'injected' },
      ]);
    case 429:
      return status(429, 'TooManyRequests', 'Too many requests, please try again later.', {
        retryAfterSeconds: 1,
      });
    case 500:
      return internalError();
    case 503:
      return status(503, 'ServiceUnavailable', 'The server is currently unable to handle the request');
    default:
      return status(code, 'Unknown', `injected HTTP ${code}`);
  }
}
