import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * The kubeconfig files to load, as kubectl looks for them: `kubeconfig` if given (whether or not it
 * exists: the caller reports a missing one), else the existing files of `$KUBECONFIG` (the first
 * loaded, the rest merged), else `~/.kube/config` if it exists; [] when there is none. Free of
 * client-node, so the CLI can name the files without loading it.
 */
export function kubeconfigFiles(
  options: {
    kubeconfig?: string | undefined;
    env?: NodeJS.ProcessEnv | undefined;
    home?: string | undefined;
  } = {},
): string[] {
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') return [options.kubeconfig];
  const env = options.env ?? process.env;
  const envFiles = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f.length > 0 && existsSync(f));
  if (envFiles.length > 0) return envFiles;
  const homeFile = join(options.home ?? homedir(), '.kube', 'config');
  return existsSync(homeFile) ? [homeFile] : [];
}
