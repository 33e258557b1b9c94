import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEphError } from '../../src/errors/index.js';
import { formatTime, parseTime, parseTimeInput, resolveTime } from '../../src/util/time.js';

const NOW = Date.parse('2026-03-01T03:00:00Z');
const codeOf = (input: string): string | null => {
  try {
    parseTime(input, NOW);
    return null;
  } catch (e) {
    return isEphError(e) ? e.code : 'not an EphError';
  }
};

describe('parseTime', () => {
  it('accepts real calendar dates, leap days included', () => {
    expect(parseTime('2024-02-29T12:00:00Z', NOW)).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseTime('2026-04-30T23:59:59.999Z', NOW)).toBe(Date.UTC(2026, 3, 30, 23, 59, 59, 999));
    expect(parseTime('2026-12-31T23:00:00-01:00', NOW)).toBe(Date.UTC(2027, 0, 1));
    expect(parseTime('2026-01-31 00:00:00Z', NOW)).toBe(Date.UTC(2026, 0, 31));
  });

  it('rejects days a month does not have and hour 24 instead of rolling them over', () => {
    for (const bad of [
      '2026-02-29T00:00:00Z', // 2026 is no leap year
      '2026-02-30T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
    ])
      expect(codeOf(bad), bad).toBe('EPH_ERR_BAD_TIME');
  });

  it('rejects times and offsets outside the Date range instead of answering about 1970 or an invalid date', () => {
    for (const bad of [
      '9999999999999999',
      '-9999999999999999',
      '+100000000000w',
      '-100000000000w',
      'now+99999999999999999',
    ]) {
      expect(codeOf(bad), bad).toBe('EPH_ERR_BAD_TIME');
    }
    expect(() => parseTime(1e300, NOW)).toThrow(/outside/);
    expect(parseTime('8640000000000000', NOW)).toBe(8.64e15);
  });

  it('parses relative input without resolving it, and resolves it against the now it is given', () => {
    expect(parseTimeInput('now')).toEqual({ fromNow: 0 });
    expect(parseTimeInput('-2h')).toEqual({ fromNow: -7_200_000 });
    expect(parseTimeInput('2026-03-01T00:00:00Z')).toEqual({ absolute: Date.UTC(2026, 2, 1) });
    expect(resolveTime(parseTimeInput('-2h'), NOW)).toBe(NOW - 7_200_000);
    expect(() => resolveTime({ fromNow: 8.64e15 }, NOW)).toThrow(/outside/);
  });
});

describe('formatTime', () => {
  it('gives the same text as toISOString for any instant, however often it is asked (it remembers results)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { maxLength: 5000 }), (times) => {
        for (const t of [...times, ...times]) expect(formatTime(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 20 },
    );
  });
});
