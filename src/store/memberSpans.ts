import { OPEN_END } from '../projections/index.js';

/**
 * Members alive at T without reading the service's whole history. A member row is an interval
 * [valid_from, valid_to); an index on (service, source, valid_from) alone finds those with
 * valid_from ≤ T — every row since the recording began — and keeps the few with valid_to > T, so
 * `endpoints(at)` slowed down in proportion to the history kept (ten times the history, six to ten
 * times the time for a moment in its middle).
 *
 * Each row therefore carries its span class (a generated column, migrations 0004 / postgres 0002):
 * the smallest class whose width its length is under; class 0 holds the rest: the open rows (whose
 * end is OPEN_END) and closed rows of 99 days or more.
 * A row of class c alive at T began after T − width(c), so the index on (service, source, class,
 * valid_from) finds the members alive at T with one bounded range per class: what is read is at
 * most the rows of each class that began within one width before T — a few times the answer, not
 * the history. Widths grow by 8: 512 ms … 99 days; class 0 is read from the beginning (few rows: the
 * members of now, and hardly any closed row is that long).
 */
export const MEMBER_SPAN_CLASSES: readonly { readonly spanClass: number; readonly width: number }[] = [
  { spanClass: 0, width: OPEN_END },
  ...Array.from({ length: 9 }, (_, i) => ({ spanClass: i + 1, width: 2 ** (9 + 3 * i) })),
];

/** The class the migrations' generated column computes for a row (tests hold the two together). */
export function memberSpanClass(validFrom: number, validTo: number): number {
  const length = validTo - validFrom;
  return MEMBER_SPAN_CLASSES.find((c) => c.spanClass > 0 && length < c.width)?.spanClass ?? 0;
}

/**
 * The classes as a subquery `(SELECT span_class, width …) AS s`, which SQLite and PostgreSQL both
 * read; a query joins it first (SQLite: CROSS JOIN keeps it the outer loop) and then seeks each
 * class's bounded range: `m.span_class = s.span_class AND m.valid_from > <from> - s.width`.
 */
export const MEMBER_SPANS = `(${MEMBER_SPAN_CLASSES.map((c, i) =>
  i === 0 ? `SELECT ${c.spanClass} AS span_class, ${c.width} AS width` : `SELECT ${c.spanClass}, ${c.width}`,
).join(' UNION ALL ')}) s`;
