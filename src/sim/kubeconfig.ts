import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface SimKubeconfigOptions {
  /** e.g. `http://127.0.0.1:34567`. */
  server: string;
  /** Name used for the cluster, user and context (default `sim`). */
  contextName?: string;
  /** Bearer token for the user entry (none when absent). */
  token?: string;
  /** Default namespace of the context. */
  namespace?: string;
}

/**
 * A kubeconfig pointing at the simulator. `insecure-skip-tls-verify: true` is required: client-node 1.x
 * refuses plain-http servers unless TLS verification is skipped (its `createAgent` throws "HTTP
 * protocol is not allowed when skipTLSVerify is not set or false").
 */
export function simKubeconfigYaml(opts: SimKubeconfigOptions): string {
  const name = opts.contextName ?? 'sim';
  const context: Record<string, string> = { cluster: name, user: name };
  if (opts.namespace) context.namespace = opts.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: opts.token ? { token: opts.token } : {} }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  });
}

/** Writes `simKubeconfigYaml(opts)` to `path` (mode 0600, like kubectl's own files). */
export function writeSimKubeconfig(path: string, opts: SimKubeconfigOptions): void {
  writeFileSync(path, simKubeconfigYaml(opts), { mode: 0o600 });
}
