import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

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
  const envFiles = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f.length > 0 && existsSync(f));
  const homeFile = join(options.home ?? homedir(), '.kube', 'config');
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') {
    if (!existsSync(options.kubeconfig)) throw new Error(`kubeconfig not found: ${options.kubeconfig}`);
    kc.loadFromFile(options.kubeconfig);
  } else if (envFiles.length > 0) {
    kc.loadFromFile(envFiles[0]!);
    for (const file of envFiles.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more);
    }
  } else if (existsSync(homeFile)) {
    kc.loadFromFile(homeFile);
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
