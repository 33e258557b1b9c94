import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigFiles } from './kubeconfigFiles.js';

const SERVICEACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface LoadedKubeConfig {
  kc: KubeConfig;
  /** The context in use (`inClusterContext` for in-cluster config). */
  contextName: string;
  source: 'file' | 'in-cluster';
}

export interface LoadKubeConfigOptions {
  /** Explicit kubeconfig file; it must exist. */
  kubeconfig?: string | undefined;
  /** Context to select; it must exist in the loaded config. */
  context?: string | undefined;
  /** Injected for tests; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Injected for tests; defaults to `os.homedir()`. */
  home?: string;
}

/**
 * Loads credentials the way kubectl finds them: `kubeconfig` if given, else the files in `$KUBECONFIG`
 * (first loaded, rest merged), else `~/.kube/config`, else the in-cluster service account. Returns null
 * when none exists, instead of client-node's silent `http://localhost:8080` fallback, so that `run`
 * can record the simulator instead. Throws when an explicitly named file or context does not exist.
 */
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): LoadedKubeConfig | null {
  const env = options.env ?? process.env;
  const kc = new KubeConfig();
  let source: LoadedKubeConfig['source'] = 'file';
  const files = kubeconfigFiles({ kubeconfig: options.kubeconfig, env, home: options.home });
  if (files.length > 0) {
    if (!existsSync(files[0]!)) throw new Error(`kubeconfig not found: ${files[0]}`);
    kc.loadFromFile(files[0]!);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more);
    }
  } else if (existsSync(SERVICEACCOUNT_TOKEN) && env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
    source = 'in-cluster';
  } else {
    return null;
  }
  if (options.context !== undefined && options.context !== '') {
    if (kc.getContextObject(options.context) === null) {
      throw new Error(`context not found in kubeconfig: ${options.context}`);
    }
    kc.setCurrentContext(options.context);
  }
  if (kc.getCurrentCluster() === null) throw new Error('kubeconfig has no cluster for the current context');
  return { kc, contextName: kc.getCurrentContext(), source };
}
