import { KubeConfigError, type KubeCredentials, loadCredentials } from '../../watch/index.js';
import { UsageError } from '../UsageError.js';

/**
 * loadCredentials for `record` and `run`, with a named file or context that does not exist (or does
 * not parse) reported as a usage error: one line, exit code 2. Any other failure (the credentials
 * process could not run) stays an error (exit 1). Null when no kubeconfig is found.
 */
export async function loadKubeCredentials(flags: {
  kubeconfig?: string | undefined;
  context?: string | undefined;
}): Promise<KubeCredentials | null> {
  try {
    return await loadCredentials({ kubeconfig: flags.kubeconfig, context: flags.context });
  } catch (error) {
    if (error instanceof KubeConfigError) throw new UsageError(error.message);
    throw error;
  }
}
