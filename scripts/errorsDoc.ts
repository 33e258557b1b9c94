import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, type ErrorCode } from '../src/errors/index.js';
import { packageRoot } from '../src/util/packageRoot.js';

/** Where docs/errors.md's generated table starts and ends. */
export const TABLE_START =
  '<!-- error table: generated from src/errors/codes.ts by `npm run docs:errors` -->';
export const TABLE_END = '<!-- end of the error table -->';

export const ERRORS_DOC = join(packageRoot(), 'docs', 'errors.md');

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The table of every code, from the one error table (src/errors/codes.ts), in its order. */
export function errorTableMarkdown(): string {
  const lines = ['| Code | Meaning | HTTP | CLI exit | Example |', '|---|---|---|---|---|'];
  for (const [code, f] of Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][]) {
    const http = 'http' in f ? f.http : String(f.status);
    lines.push(`| \`${code}\` | ${cell(f.description)} | ${cell(http)} | ${f.exit} | ${cell(f.example)} |`);
  }
  return lines.join('\n');
}

/** docs/errors.md with its table replaced by the generated one. */
export function withGeneratedTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`docs/errors.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
  return `${doc.slice(0, start + TABLE_START.length)}\n${errorTableMarkdown()}\n${doc.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ERRORS_DOC, withGeneratedTable(readFileSync(ERRORS_DOC, 'utf8')));
}
