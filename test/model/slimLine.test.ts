import { describe, expect, it } from 'vitest';
import { slimLine } from '../../src/model/index.js';
import { fullEndpoints } from './fixtures.js';

describe('slimLine', () => {
  it('slims an object given as JSON text', () => {
    const result = slimLine('Endpoints', JSON.stringify(fullEndpoints()));
    expect(result.ok && result.object.meta.name).toBe('web');
  });

  it.each(['{"metadata":', 'not json', '', '{"a":1}}'])('rejects %j as malformed-json', (line) => {
    expect(slimLine('Endpoints', line)).toMatchObject({ ok: false, reason: 'malformed-json' });
  });

  it('rejects a 5 MB line as too-large before parsing it', () => {
    // Not valid JSON either: only the size check can have answered.
    const line = `{"metadata":${'['.repeat(5 * 1024 * 1024)}`;
    expect(slimLine('Endpoints', line)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const line = JSON.stringify({ ...fullEndpoints(), padding: 'é'.repeat(600) });
    expect(line.length).toBeLessThan(2000);
    expect(slimLine('Endpoints', line, 2000)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(slimLine('Endpoints', line, 4000).ok).toBe(true);
  });

  it('rejects a JSON value that is not an object', () => {
    expect(slimLine('Pod', '[1,2]')).toMatchObject({ ok: false, reason: 'not-an-object' });
  });
});
