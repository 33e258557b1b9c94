import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ApiAuth } from './ApiAuth.js';

/**
 * Credentials straight from a client-node KubeConfig in this process: every request asks it, so
 * exec plugins and auth providers refresh their tokens as client-node does.
 */
export function kubeConfigAuth(kc: KubeConfig): ApiAuth {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('kubeconfig has no cluster for the current context');
  return {
    server: cluster.server,
    apply: (options: RequestOptions) => kc.applyToHTTPSOptions(options),
  };
}
