import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadedKubeConfig, LoadKubeConfigOptions } from '../kubeConfig.js';
import type { ApiAuth } from './ApiAuth.js';
import { authFromSnapshot } from './AuthSnapshot.js';
import { type CredentialsHandoff, lazyKubeConfigAuth } from './CredentialsHandoff.js';
import type { CredentialsReply } from './credentialsProcess.js';

/**
 * The kubeconfig itself is the problem: a named file or context that does not exist, a file that
 * does not parse, credentials it names that cannot be read. Other failures (the child process could
 * not start or answer) are plain errors.
 */
export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
}

/** A kubeconfig's context, resolved to what requests need. */
export interface KubeCredentials {
  /** The context in use (`inClusterContext` for in-cluster config). */
  contextName: string;
  source: LoadedKubeConfig['source'];
  auth: ApiAuth;
  /** False when the credentials need client-node loaded in this process (exec plugins, OIDC…). */
  isolated: boolean;
  /** The same credentials as plain data, for the thread that records (`authFromHandoff`). */
  handoff: CredentialsHandoff;
}

/**
 * Finds and loads the kubeconfig as `loadKubeConfig` does (same options, its errors thrown as
 * KubeConfigError, null when there is none), but with client-node in a short-lived child process:
 * @kubernetes/client-node costs a long-running recorder ≈60 MB of resident memory for code it never
 * runs again once the credentials are known. Client certificates, tokens, basic auth and token
 * files (in-cluster service accounts, re-read every minute) come back as plain data; exec plugins
 * and auth providers refresh tokens through client-node, so for them it is loaded in the thread
 * that makes the requests after all, at the first one (`isolated: false`).
 */
export async function loadCredentials(options: LoadKubeConfigOptions = {}): Promise<KubeCredentials | null> {
  const reply = await askChild(options);
  if (!reply.ok) throw new KubeConfigError(reply.error);
  const snapshot = reply.snapshot;
  if (snapshot === null) return null;
  const { contextName, source } = snapshot;
  if (snapshot.mode === 'static') {
    return {
      contextName,
      source,
      auth: authFromSnapshot(snapshot),
      isolated: true,
      handoff: { mode: 'static', snapshot },
    };
  }
  const { env, ...rest } = options;
  const handoff: CredentialsHandoff = {
    mode: 'dynamic',
    server: snapshot.server,
    options: { ...rest, ...(env ? { env: definedOnly(env) } : {}) },
  };
  return { contextName, source, auth: lazyKubeConfigAuth(handoff), isolated: false, handoff };
}

const definedOnly = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/** Runs credentialsProcess: the compiled .js, or the .ts source through tsx when running from source. */
function askChild(options: LoadKubeConfigOptions): Promise<CredentialsReply> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./credentialsProcess.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const { env, ...rest } = options;
  const args = [...(fromSource ? ['--import', 'tsx'] : []), entry, JSON.stringify(rest)];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env: env ?? process.env, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as CredentialsReply);
        } catch {
          reject(new Error(`reading the kubeconfig failed: ${error?.message ?? ''} ${stderr}`.trim()));
        }
      },
    );
  });
}
