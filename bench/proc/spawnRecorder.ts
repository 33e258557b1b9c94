import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/packageRoot.js';

/**
 * `record --kubeconfig … --db … --cluster-name …` as users run it: the compiled CLI (`npm run
 * bench` builds it first), else through tsx. Its stderr goes to `stderrFile` when given (to say why
 * a recorder died), else nowhere. BENCH_RECORDER_NODE_FLAGS adds node flags (e.g. --cpu-prof);
 * BENCH_CLI runs another build's dist/src/cli/main.js, to measure it against this one.
 */
export function spawnRecorder(
  kubeconfig: string,
  db: string,
  clusterName = 'bench',
  stderrFile?: string,
): ChildProcess {
  const root = packageRoot();
  const dist = process.env.BENCH_CLI || join(root, 'dist/src/cli/main.js');
  const entry = existsSync(dist) ? [dist] : ['--import', 'tsx', join(root, 'src/cli/main.ts')];
  const args = [...entry, 'record', '--kubeconfig', kubeconfig, '--db', db, '--cluster-name', clusterName];
  const flags = process.env.BENCH_RECORDER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...flags, ...args], {
    stdio: ['ignore', 'ignore', stderrFile ? openSync(stderrFile, 'w') : 'ignore'],
    env: { ...process.env, EPH_LOG_LEVEL: 'warn' },
  });
}
