/**
 * Entry of the short-lived process that reads the kubeconfig with client-node (see loadCredentials):
 * argv[2] is the JSON of LoadKubeConfigOptions; stdout gets one JSON line, a CredentialsReply.
 */
import { loadKubeConfig } from '../kubeConfig.js';
import { type AuthSnapshot, snapshotAuth } from './AuthSnapshot.js';

export type CredentialsReply = { ok: true; snapshot: AuthSnapshot | null } | { ok: false; error: string };

async function main(): Promise<CredentialsReply> {
  try {
    const loaded = loadKubeConfig(JSON.parse(process.argv[2] ?? '{}'));
    return { ok: true, snapshot: loaded === null ? null : await snapshotAuth(loaded) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
