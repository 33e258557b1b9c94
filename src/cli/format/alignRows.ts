/**
 * Left-aligns rows of cells separated by `gap` spaces. Rows may be shorter than others; a row's last
 * cell is never padded and does not widen its column (so a long note does not push the table apart).
 */
export function alignRows(rows: readonly (readonly string[])[], gap = 2): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 0, [...c].length);
    });
  return rows
    .map((r) =>
      r
        .map((c, i) => (i < r.length - 1 ? c + ' '.repeat((widths[i] ?? 0) - [...c].length + gap) : c))
        .join(''),
    )
    .map((l) => `${l.trimEnd()}\n`)
    .join('');
}
