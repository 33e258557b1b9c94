import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The real kubectl binary: $EPH_KUBECTL, else the first kubectl on the PATH or in /usr/bin,
 * /usr/local/bin. Missing, it throws: the tests that need it fail loudly, they never skip
 * (.ci/run installs Debian's kubernetes-client where it is missing).
 */
export function kubectlBinary(): string {
  const candidates = [
    process.env.EPH_KUBECTL,
    ...(process.env.PATH ?? '').split(':').map((dir) => (dir ? join(dir, 'kubectl') : undefined)),
    '/usr/bin/kubectl',
    '/usr/local/bin/kubectl',
  ];
  const found = candidates.find((p): p is string => p !== undefined && existsSync(p));
  if (found === undefined)
    throw new Error(
      'kubectl not found: install it (Debian: apt-get install -y kubernetes-client) or set EPH_KUBECTL; .ci/run installs it',
    );
  return found;
}

/** Debian's python3 with the kubernetes client (python3-kubernetes); throws, never skips, without it. */
export async function pythonWithKubernetes(): Promise<string> {
  const python = '/usr/bin/python3';
  try {
    await run(python, ['-c', 'import kubernetes']);
    return python;
  } catch {
    throw new Error(
      'the Python Kubernetes client is missing: apt-get install -y python3-kubernetes (.ci/run installs it)',
    );
  }
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a kubeconfig and a cache of its own; resolves with its exit code and output (never rejects on exit code). */
export function kubectlRunner(kubeconfig: string, cacheDir: string) {
  const binary = kubectlBinary();
  return async (...args: string[]): Promise<KubectlResult> => {
    try {
      const r = await run(binary, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
        timeout: 60_000,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof e.code !== 'number') throw error;
      return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
}
