import { expect } from 'vitest';
import type { InfinityColumn, InfinityQuery } from './infinity.js';
import type { Row } from './request.js';

const isTime = (c: InfinityColumn): boolean => c.type.startsWith('timestamp');

/** Every column selector is in every row, with the JSON type its Infinity column type needs. */
export function expectColumnTypes(
  rows: readonly Row[],
  columns: readonly InfinityColumn[],
  where: string,
): void {
  for (const [i, row] of rows.entries()) {
    for (const c of columns) {
      const v = row[c.selector];
      const at = `${where} row ${i} column ${c.selector}`;
      expect(Object.hasOwn(row, c.selector), `${at} is missing`).toBe(true);
      // Infinity reads null as "no value" for every nullable field type; times that place a row may not be null
      const nullable = c.selector !== 'time' && c.selector !== 'timeEnd';
      if (v === null && nullable && c.type !== 'string') continue;
      if (c.type === 'timestamp_epoch')
        expect(Number.isSafeInteger(v), `${at} = ${v} is not epoch ms`).toBe(true);
      else if (c.type === 'number')
        expect(typeof v === 'number' && Number.isFinite(v), `${at} = ${v}`).toBe(true);
      else if (c.type === 'boolean') expect(typeof v, at).toBe('boolean');
      else if (c.type === 'string') expect(v === null || typeof v === 'string', `${at} = ${v}`).toBe(true);
      else throw new Error(`${at}: column type ${c.type} is not expected in our dashboard`);
    }
  }
}

/**
 * The frame's fields as Infinity orders them: alphabetically by name (gframer sorts keys), minus
 * the fields a `partitionByValues` transformation takes out. Returns the time field names in order.
 */
export function timeFieldOrder(query: InfinityQuery, partitionedBy: readonly string[] = []): string[] {
  return query.columns
    .filter((c) => isTime(c) && !partitionedBy.includes(c.text))
    .map((c) => c.text)
    .sort();
}

/** Rows sorted by `time` ascending (long→wide and Grafana's own joins need it). */
export function expectSortedByTime(rows: readonly Row[], where: string): void {
  for (let i = 1; i < rows.length; i++) {
    expect(
      (rows[i]!.time as number) >= (rows[i - 1]!.time as number),
      `${where}: row ${i} goes back in time`,
    ).toBe(true);
  }
}

/** Interval rows: from ≤ time ≤ timeEnd ≤ to. */
export function expectIntervalsWithin(rows: readonly Row[], from: number, to: number, where: string): void {
  for (const [i, r] of rows.entries()) {
    const [s, e] = [r.time as number, r.timeEnd as number];
    expect(
      from <= s && s <= e && e <= to,
      `${where} row ${i}: [${s}, ${e}] not within [${from}, ${to}]`,
    ).toBe(true);
  }
}

/**
 * `format: timeseries` is converted long→wide by Infinity: rows sorted by time, (time, labels)
 * unique, and — our promise — a dense grid: every label set at every time, so no series has holes.
 */
export function expectLongToWideReady(rows: readonly Row[], query: InfinityQuery, where: string): void {
  expectSortedByTime(rows, where);
  const labels = query.columns.filter((c) => c.type === 'string').map((c) => c.selector);
  const key = (r: Row) => labels.map((l) => String(r[l])).join('\u0000');
  const seen = new Set<string>();
  const series = new Set(rows.map(key));
  const times = new Set(rows.map((r) => r.time as number));
  for (const r of rows) {
    const k = `${r.time}\u0001${key(r)}`;
    expect(seen.has(k), `${where}: duplicate (time, labels) ${k}`).toBe(false);
    seen.add(k);
  }
  expect(rows.length, `${where}: the grid is not dense`).toBe(series.size * times.size);
}

/** Within one state-timeline band, intervals follow each other and never overlap. */
export function expectBandsDisjoint(
  rows: readonly Row[],
  bandFields: readonly string[],
  where: string,
): void {
  const bands = new Map<string, Row[]>();
  for (const r of rows) {
    const k = bandFields.map((f) => String(r[f])).join(' ');
    bands.set(k, [...(bands.get(k) ?? []), r]);
  }
  for (const [band, list] of bands) {
    for (let i = 1; i < list.length; i++) {
      expect(
        (list[i]!.time as number) >= (list[i - 1]!.timeEnd as number),
        `${where}: band ${band} overlaps itself`,
      ).toBe(true);
    }
  }
}
