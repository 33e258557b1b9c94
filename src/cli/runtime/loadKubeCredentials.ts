import { type KubeCredentials, loadCredentials } from '../../watch/index.js';
import { UsageError } from '../UsageError.js';

/**
 * loadCredentials for `record` and `run`, with a named file or context that does not exist (or does
 * not parse) reported as a usage error: one line, exit code 2. Null when no kubeconfig is found.
 */
export async function loadKubeCredentials(flags: {
  kubeconfig?: string | undefined;
  context?: string | undefined;
}): Promise<KubeCredentials | null> {
  try {
    return await loadCredentials({ kubeconfig: flags.kubeconfig, context: flags.context });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
