import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The module `relative` (named without its extension) beside the caller's module (`moduleUrl`, its
 * `import.meta.url`): the compiled `.js` in a build, the `.ts` when running from the sources.
 */
export function moduleBeside(moduleUrl: string, relative: string): URL {
  return new URL(`${relative}.${moduleUrl.endsWith('.ts') ? 'ts' : 'js'}`, moduleUrl);
}

/**
 * Starts a worker thread on the module at `entry`. A compiled `.js` starts as is. A `.ts` source
 * (tests, `tsx`) needs tsx, but a worker does not inherit the module hooks its parent registered
 * ("Unknown file extension .ts"): it starts on a one-line bootstrap that registers tsx in the new
 * thread, then imports the entry.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = tsxEsmApi(entry.href);
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** tsx's ESM API (the `import` condition of `tsx/esm/api`; `require.resolve` gives its CommonJS build). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}
