import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles the web UI into dist/web at build time (`npm run build`, run by `npm ci`): the timeline page
 * (web/page → page.js, page.css) and GraphiQL with Monaco's workers (web/graphiql → graphiql/).
 * Everything comes from installed packages; nothing is fetched at run time. Prints each file's size
 * and gzipped size; fails when the page is over its budget (300 KB gzipped in total).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const PAGE_BUDGET_GZIP = 300 * 1024;

const production = { 'process.env.NODE_ENV': '"production"' };

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await Promise.all([
    build({
      entryPoints: { page: join(root, 'web/page/main.ts') },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outdir: out,
      define: production,
      logLevel: 'warning',
    }),
    build({
      entryPoints: { graphiql: join(root, 'web/graphiql/main.ts') },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outdir: join(out, 'graphiql'),
      loader: { '.ttf': 'file' },
      define: production,
      logLevel: 'warning',
    }),
    build({
      entryPoints: {
        'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
        'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
        'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
      },
      absWorkingDir: root,
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      outdir: join(out, 'graphiql'),
      define: production,
      logLevel: 'warning',
    }),
  ]);
  let pageGzip = 0;
  const lines: string[] = [];
  for (const file of walk(out)) {
    const bytes = statSync(file).size;
    const gz = gzipSync(readFileSync(file), { level: 9 }).length;
    const name = relative(out, file);
    if (!name.startsWith('graphiql')) pageGzip += gz;
    lines.push(`  ${name.padEnd(36)} ${kb(bytes).padStart(9)}  gzip ${kb(gz).padStart(9)}`);
  }
  console.log(`web UI built into dist/web in ${Date.now() - started} ms:\n${lines.join('\n')}`);
  console.log(`  page total (everything but graphiql/): gzip ${kb(pageGzip)} of ${kb(PAGE_BUDGET_GZIP)}`);
  if (pageGzip > PAGE_BUDGET_GZIP) {
    throw new Error(`the page's assets are ${kb(pageGzip)} gzipped, over the ${kb(PAGE_BUDGET_GZIP)} budget`);
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

await main();
