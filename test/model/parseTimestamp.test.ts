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
  ])('returns null for %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
