import { delimiter } from 'node:path';
import { type KubeCredentials, kubeconfigFiles } from '../../watch/index.js';

/**
 * Where `loadCredentials` found its credentials, for humans: the file(s) in the order it looks at them
 * (`--kubeconfig`, then $KUBECONFIG, then ~/.kube/config), or "in-cluster config".
 */
export function describeKubeconfig(
  loaded: Pick<KubeCredentials, 'source'>,
  explicit: string | undefined,
): string {
  if (loaded.source === 'in-cluster') return 'in-cluster config';
  return kubeconfigFiles({ kubeconfig: explicit }).join(delimiter);
}
