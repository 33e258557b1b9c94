import type { ResourceLimits } from 'node:worker_threads';

/**
 * The recorder thread's young generation, in MB: V8 sizes it as three semi-spaces, so 12 MB is the
 * `--max-semi-space-size=4` the Deployment gives the whole process. Left to V8, a young generation
 * grows to 48 MB (32 MB resident) under a steady allocation rate, which a recorder catching up on a
 * large cluster has; capped, it costs a few more scavenges (docs/benchmarks.md).
 */
const YOUNG_GENERATION_MB = 12;

/**
 * Resource limits of the recorder thread. A worker's heap is configured when it starts, so unlike
 * the main thread's (fixed when the process started: only NODE_OPTIONS or a flag can cap it) its
 * young generation can be capped here. An explicit `--max-semi-space-size` (command line or
 * NODE_OPTIONS) wins: the worker then inherits it. The old generation is never capped: a cap below
 * what a large cluster needs would crash the recorder.
 */
export function recorderHeapLimits(
  execArgv: readonly string[] = process.execArgv,
  env: NodeJS.ProcessEnv = process.env,
): ResourceLimits {
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((a) => /^--max[-_]semi[-_]space[-_]size/.test(a))) return {};
  return { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
}
