import { readFileSync } from 'node:fs';
import { UsageError } from '../UsageError.js';

/**
 * The bearer token stored in `file` (surrounding whitespace trimmed, as a mounted Secret ends in a
 * newline), or null when no file is given. A missing, unreadable or empty file is a usage error: an
 * operator who asked for auth must never get an open server by accident.
 */
export function readAuthToken(file: string | undefined): string | null {
  if (file === undefined || file === '') return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read --auth-token-file ${file} (${reason})`);
  }
  const token = text.trim();
  if (token === '') throw new UsageError(`--auth-token-file ${file} is empty`);
  return token;
}
