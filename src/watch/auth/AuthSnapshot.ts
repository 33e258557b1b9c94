import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import type { User } from '@kubernetes/client-node';
import type { LoadedKubeConfig } from '../kubeConfig.js';
import type { ApiAuth } from './ApiAuth.js';

/** TLS fields of https.RequestOptions that a kubeconfig can set, as plain JSON (PEM/PFX in base64). */
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const;
type TlsField = (typeof TLS_FIELDS)[number];

/**
 * What requests need from a kubeconfig, as plain data that can cross a process boundary. `static`
 * credentials (client certificates, a fixed token, basic auth) are fully resolved; a `tokenFile`
 * (in-cluster service account, or a kubeconfig `tokenFile` provider) is re-read every minute, as
 * client-go and client-node do, because kubelet rotates it; `dynamic` ones (exec plugins, OIDC and
 * other auth providers) need client-node at every request and are not snapshotted.
 */
export type AuthSnapshot =
  | { mode: 'dynamic'; contextName: string; source: LoadedKubeConfig['source']; server: string }
  | {
      mode: 'static';
      contextName: string;
      source: LoadedKubeConfig['source'];
      server: string;
      tls: Partial<Record<TlsField, string | boolean | { base64: string }>>;
      headers: Record<string, string>;
      /** `user:password` for basic auth. */
      auth?: string;
      tokenFile?: string;
    };

/** Takes the snapshot of a loaded kubeconfig (in the short-lived process that has client-node). */
export async function snapshotAuth(loaded: LoadedKubeConfig): Promise<AuthSnapshot> {
  const { kc, contextName, source } = loaded;
  const user = kc.getCurrentUser();
  const tokenFile = tokenFileOf(user);
  if (user?.exec || (user?.authProvider && tokenFile === undefined))
    return { mode: 'dynamic', contextName, source, server: kc.getCurrentCluster()!.server };
  const options: RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  const tls: Extract<AuthSnapshot, { mode: 'static' }>['tls'] = {};
  for (const field of TLS_FIELDS) {
    const v = (options as Record<string, unknown>)[field];
    if (typeof v === 'string' || typeof v === 'boolean') tls[field] = v;
    else if (Buffer.isBuffer(v)) tls[field] = { base64: v.toString('base64') };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  if (tokenFile !== undefined) delete headers.Authorization;
  return {
    mode: 'static',
    contextName,
    source,
    server: kc.getCurrentCluster()!.server,
    tls,
    headers,
    ...(typeof options.auth === 'string' ? { auth: options.auth } : {}),
    ...(tokenFile !== undefined ? { tokenFile } : {}),
  };
}

function tokenFileOf(user: User | null): string | undefined {
  const file = user?.authProvider?.config?.tokenFile as unknown;
  return typeof file === 'string' && file !== '' ? file : undefined;
}

export interface SnapshotAuthOptions {
  /** Injected for tests. */
  readFile?: (path: string) => string;
  now?: () => number;
}

/** How long a token read from a file is used before the file is read again. */
export const TOKEN_FILE_REFRESH_MS = 60_000;

/** ApiAuth over a static snapshot: no client-node in this process. */
export function authFromSnapshot(
  snapshot: Extract<AuthSnapshot, { mode: 'static' }>,
  options: SnapshotAuthOptions = {},
): ApiAuth {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const now = options.now ?? Date.now;
  const tls: Record<string, string | boolean | Buffer> = {};
  for (const [k, v] of Object.entries(snapshot.tls))
    tls[k] = typeof v === 'object' ? Buffer.from(v.base64, 'base64') : v;
  let token: { value: string; readAt: number } | null = null;
  const bearer = (file: string): string => {
    if (token === null || now() - token.readAt > TOKEN_FILE_REFRESH_MS)
      token = { value: readFile(file).trim(), readAt: now() };
    return `Bearer ${token.value}`;
  };
  return {
    server: snapshot.server,
    apply: async (request: RequestOptions) => {
      Object.assign(request, tls);
      request.headers = {
        ...request.headers,
        ...snapshot.headers,
        ...(snapshot.tokenFile !== undefined ? { Authorization: bearer(snapshot.tokenFile) } : {}),
      };
      if (snapshot.auth !== undefined) request.auth = snapshot.auth;
    },
  };
}
