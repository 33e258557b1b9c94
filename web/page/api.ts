import { storedToken } from './auth.js';

/** The server refused the request for want of the right token. */
export class AuthRequired extends Error {
  constructor() {
    super('this server needs a token');
  }
}

/** A coded error from the API (GraphQL `extensions.code`, or `{error, code}` from the JSON routes). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

let clockSkew = 0;

/** The server's clock, from its last Date header (0 skew until one is seen, or when within 2 s). */
export const serverNow = (): number => Date.now() + clockSkew;

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = storedToken();
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, credentials: 'same-origin' });
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isFinite(date)) {
    const skew = date - Date.now();
    clockSkew = Math.abs(skew) > 2000 ? skew : 0;
  }
  if (response.status === 401) throw new AuthRequired();
  return response;
}

/** Runs a GraphQL query; the first error becomes an ApiError with its code. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await send('graphql', {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'EPH_ERR_INTERNAL');
  if (!response.ok || body.data === undefined) {
    throw new ApiError(`GraphQL answered ${response.status}`, 'EPH_ERR_INTERNAL');
  }
  return body.data;
}

/** GET a JSON route under /api with query parameters. */
export async function getJson<T>(path: string, params: Record<string, string | number | null>): Promise<T> {
  const response = await send(withParams(path, params), { headers: headers() });
  const body = (await response.json()) as T | { error: string; code: string };
  if (!response.ok) {
    const e = body as { error?: string; code?: string };
    throw new ApiError(e.error ?? `${path} answered ${response.status}`, e.code ?? 'EPH_ERR_INTERNAL');
  }
  return body as T;
}

/** GET a file (an export) as a Blob, with the token. */
export async function getBlob(path: string, params: Record<string, string | number | null>): Promise<Blob> {
  const response = await send(withParams(path, params), { headers: headers() });
  if (!response.ok) {
    const e = (await response.json().catch(() => ({}))) as { error?: string; code?: string };
    throw new ApiError(e.error ?? `${path} answered ${response.status}`, e.code ?? 'EPH_ERR_INTERNAL');
  }
  return response.blob();
}

export function withParams(path: string, params: Record<string, string | number | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
