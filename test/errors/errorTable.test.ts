import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC, errorTableMarkdown, withGeneratedTable } from '../../scripts/errorsDoc.js';
import { errorReply } from '../../src/api/grafana/errorReply.js';
import { httpError } from '../../src/api/httpError.js';
import { exitCodeFor } from '../../src/cli/exitCode.js';
import { ERROR_CODES, type ErrorCode, ephError, exitCodeOf, statusOf } from '../../src/errors/index.js';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('the error table', () => {
  it('is what docs/errors.md shows: the page holds exactly the table generated from it', () => {
    const doc = readFileSync(ERRORS_DOC, 'utf8');
    expect(withGeneratedTable(doc)).toBe(doc);
    for (const code of codes) expect(errorTableMarkdown()).toContain(`| \`${code}\` |`);
  });

  it('gives every surface the status and exit code of the code: HTTP routes, Grafana, the CLI', () => {
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    const io = { stderr: sink, stdout: sink } as unknown as Parameters<typeof exitCodeFor>[1];
    for (const code of codes) {
      const error = ephError(code, 'm');
      expect(httpError(error).status).toBe(statusOf(code));
      expect(errorReply(error).status).toBe(statusOf(code));
      expect(exitCodeFor(error, io)).toBe(exitCodeOf(code));
    }
    expect(exitCodeOf('EPH_ERR_NOT_RECORDED')).toBe(3);
    expect(exitCodeOf('EPH_ERR_BAD_TIME')).toBe(2);
    expect(exitCodeOf('EPH_ERR_UNKNOWN_SERVICE')).toBe(1);
  });

  it('answers an unexpected error as EPH_ERR_INTERNAL without its details, on every HTTP surface', () => {
    const secret = new Error('SQLITE_CORRUPT at /var/lib/secret.db');
    expect(httpError(secret)).toMatchObject({ status: 500, code: 'EPH_ERR_INTERNAL' });
    expect(httpError(secret).message).not.toContain('secret');
    expect(errorReply(secret)).toMatchObject({ status: 500, body: { code: 'EPH_ERR_INTERNAL' } });
    expect(errorReply(secret).body.error).not.toContain('secret');
  });
});
