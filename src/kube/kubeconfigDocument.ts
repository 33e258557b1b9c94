import { stringify } from 'yaml';

/** One context of a kubeconfig: its name and the server URL it points at. */
export interface KubeconfigContext {
  name: string;
  server: string;
}

/** The user name put in a plain-HTTP server URL beside the token (any name works; this one says whose). */
export const KUBECONFIG_USER = 'endpoints-history';

/**
 * The server URL as a kubeconfig must hold it for the token to reach the server. client-go reads a
 * kubeconfig's credentials only when the transport is TLS ("only try to read the auth information if
 * we are secure", clientcmd): over plain HTTP it drops `token:`. It does send the user info of the
 * server URL, as HTTP Basic credentials, so a plain-HTTP URL carries the token there.
 */
export function serverWithToken(server: string, token: string | null): string {
  if (token === null) return server;
  const url = new URL(server);
  if (url.protocol !== 'http:') return server;
  url.username = KUBECONFIG_USER;
  url.password = token;
  return url.toString().replace(/\/$/, '');
}

/**
 * A kubeconfig (YAML, `kind: Config`) with one cluster, user and context per entry, the first one
 * current. The user carries the token (`token:`, sent as a bearer token over HTTPS); a plain-HTTP
 * server URL carries it too (see `serverWithToken`). `comment` heads the file.
 */
export function kubeconfigDocument(
  contexts: readonly KubeconfigContext[],
  options: { token: string | null; comment: string },
): string {
  const user = options.token === null ? {} : { token: options.token };
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: serverWithToken(c.server, options.token) },
    })),
    users: [{ name: KUBECONFIG_USER, user }],
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: KUBECONFIG_USER } })),
    'current-context': contexts[0]?.name ?? '',
    preferences: {},
  };
  const comment = options.comment
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
  return `${comment}\n${stringify(doc, { indentSeq: false })}`;
}
