import type { LoadKubeConfigOptions } from '../kubeConfig.js';
import type { ApiAuth } from './ApiAuth.js';
import { type AuthSnapshot, authFromSnapshot } from './AuthSnapshot.js';

/**
 * Credentials as plain data, so that another thread can rebuild the same `ApiAuth` (a function
 * cannot cross a thread boundary): the static snapshot itself, or for exec plugins and auth
 * providers the options to load the kubeconfig again, in that thread, when its first request needs it.
 */
export type CredentialsHandoff =
  | { mode: 'static'; snapshot: Extract<AuthSnapshot, { mode: 'static' }> }
  | {
      mode: 'dynamic';
      server: string;
      options: Omit<LoadKubeConfigOptions, 'env'> & { env?: Record<string, string> };
    };

/** The `ApiAuth` a handoff describes, in this thread. */
export function authFromHandoff(handoff: CredentialsHandoff): ApiAuth {
  return handoff.mode === 'static' ? authFromSnapshot(handoff.snapshot) : lazyKubeConfigAuth(handoff);
}

/**
 * Exec plugins and auth providers refresh tokens through client-node at every request, so it must be
 * loaded where the requests are made; it is loaded on the first one, not before: the thread that only
 * decided what to record (and serves the API) never carries its ≈ 60 MB.
 */
export function lazyKubeConfigAuth(handoff: Extract<CredentialsHandoff, { mode: 'dynamic' }>): ApiAuth {
  let loaded: Promise<ApiAuth> | null = null;
  const load = async (): Promise<ApiAuth> => {
    const [{ loadKubeConfig }, { kubeConfigAuth }] = await Promise.all([
      import('../kubeConfig.js'),
      import('./kubeConfigAuth.js'),
    ]);
    const config = loadKubeConfig(handoff.options);
    if (config === null) throw new Error('the kubeconfig has disappeared since it was first read');
    return kubeConfigAuth(config.kc);
  };
  return {
    server: handoff.server,
    apply: async (options) => {
      loaded ??= load().catch((error: unknown) => {
        loaded = null;
        throw error;
      });
      return (await loaded).apply(options);
    },
  };
}
