import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding package.json. Source runs from `src/…` (tsx, vitest) and builds run from
 * `dist/src/…`, so files shipped beside the code (migrations/, graphql/) are found by walking up.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('endpoints-history: package.json not found above ' + import.meta.url);
    dir = parent;
  }
  cached = dir;
  return dir;
}
