import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeCredentials } from '../../watch/index.js';

/**
 * Where `loadCredentials` found its credentials, for humans: the file(s) in the order it looks at them
 * (`--kubeconfig`, then $KUBECONFIG, then ~/.kube/config), or "in-cluster config".
 */
export function describeKubeconfig(
  loaded: Pick<KubeCredentials, 'source'>,
  explicit: string | undefined,
): string {
  if (loaded.source === 'in-cluster') return 'in-cluster config';
  if (explicit) return explicit;
  const envFiles = (process.env.KUBECONFIG ?? '')
    .split(delimiter)
    .filter((f) => f.length > 0 && existsSync(f));
  if (envFiles.length > 0) return envFiles.join(delimiter);
  return join(homedir(), '.kube', 'config');
}
