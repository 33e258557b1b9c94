import type { ServerResponse } from 'node:http';
import type { Status } from './statusObjects.js';

/** The deprecation warning kube ≥1.33 attaches to every v1 Endpoints route. */
export const ENDPOINTS_DEPRECATION_WARNING =
  '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sendStatus(
  res: ServerResponse,
  s: Status | Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  sendJson(res, Number(s.code ?? 500), s, headers);
}

/** Copies `kind`/`apiVersion` to the front of an object, as watch events and single GETs carry them. */
export function withKind<T extends Record<string, unknown>>(
  obj: T,
  kind: string,
  apiVersion: string,
): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return { kind, apiVersion, ...rest };
}

/** Drops `kind`/`apiVersion`: built-in list items carry neither. */
export function withoutKind<T extends Record<string, unknown>>(obj: T): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return rest;
}
