import { readFileSync } from 'node:fs';
import { UsageError } from '../UsageError.js';

/**
 * The bearer token stored in `file` (surrounding whitespace trimmed, as a mounted Secret ends in a
 * newline), or null when no file is given. An empty setting (`--auth-token-file=`,
 * `EPH_AUTH_TOKEN_FILE=`), a missing, unreadable or empty file, or a token with whitespace inside is
 * a usage error: an operator who asked for auth must never get an open server by accident.
 */
export function readAuthToken(file: string | undefined): string | null {
  if (file === undefined) return null;
  if (file.trim() === '') {
    throw new UsageError(
      '--auth-token-file (EPH_AUTH_TOKEN_FILE) is empty: name the file holding the token, or leave the setting out to serve without a token',
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read --auth-token-file ${file} (${reason})`);
  }
  const token = text.trim();
  if (token === '') throw new UsageError(`--auth-token-file ${file} is empty`);
  if (/\s/.test(token)) {
    throw new UsageError(
      `--auth-token-file ${file} holds whitespace inside the token; a bearer token is one word`,
    );
  }
  return token;
}
