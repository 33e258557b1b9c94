import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/model/index.js';

describe('parseTimestamp', () => {
  it.each([
    ['2025-06-01T10:05:12Z', Date.UTC(2025, 5, 1, 10, 5, 12)],
    ['2025-06-01T10:05:12.5Z', Date.UTC(2025, 5, 1, 10, 5, 12, 500)],
    ['2025-06-01T10:05:12.123456789Z', Date.UTC(2025, 5, 1, 10, 5, 12, 123)],
    ['2025-06-01T12:05:12+02:00', Date.UTC(2025, 5, 1, 10, 5, 12)],
    ['2025-06-01T05:35:12-04:30', Date.UTC(2025, 5, 1, 10, 5, 12)],
    ['2024-02-29t00:00:00z', Date.UTC(2024, 1, 29)],
    ['0001-01-01T00:00:00Z', -62135596800000],
  ])('reads %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    null,
    '',
    '2025-06-01',
    '2025-06-01 10:05:12Z',
    '2025-06-01T10:05:12',
    '2025-02-30T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-06-01T24:00:00Z',
    '2025-06-01T10:05:60Z',
    '2025-06-01T10:05:12+25:00',
    '1748772312000',
    '2025-06-01T10:05:12.Z',
    '2025-06-01T10:05:12Z ',
    '2025-06-01T10:05:12+02:00Z',
    '2025-06-01T10:05:12+0200',
    '2025-06-01T10:05:12+02:60',
    '2100-02-29T00:00:00Z',
    '202a-06-01T10:05:12Z',
    '2025-06-01T1:05:12Z',
  ])('returns null for %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });

  it('agrees with Date.UTC on every valid date, fraction and offset', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
        fc.option(
          fc.tuple(
            fc.constantFrom('+', '-'),
            fc.integer({ min: 0, max: 23 }),
            fc.integer({ min: 0, max: 59 }),
          ),
          {
            nil: undefined,
          },
        ),
        (date, fraction, offset) => {
          const utc = date.getTime() - date.getUTCMilliseconds();
          const shift =
            offset === undefined ? 0 : (offset[0] === '+' ? 1 : -1) * (offset[1] * 60 + offset[2]) * 60_000;
          // the wall-clock time written with that offset
          const wall = new Date(utc + shift);
          const text =
            `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
            `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
            (fraction === undefined ? '' : `.${fraction}`) +
            (offset === undefined ? 'Z' : `${offset[0]}${pad(offset[1])}:${pad(offset[2])}`);
          if (wall.getUTCFullYear() < 0 || wall.getUTCFullYear() > 9999) return;
          const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
          expect(parseTimestamp(text)).toBe(utc + ms);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
