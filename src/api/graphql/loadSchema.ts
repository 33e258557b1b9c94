import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../util/packageRoot.js';

/** The SDL of the API: every `graphql/*.graphql` file shipped beside the code, in name order. */
export function loadSchemaSource(dir: string = join(packageRoot(), 'graphql')): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}
