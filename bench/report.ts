/** One line of the benchmark table. */
export interface BenchRow {
  section: string;
  metric: string;
  value: string;
  target: string;
  /** null when the row has no target (context only). */
  ok: boolean | null;
}

/** A BenchRow; rows without a target are context only. */
export function row(
  section: string,
  metric: string,
  value: string,
  target = '',
  ok: boolean | null = null,
): BenchRow {
  return { section, metric, value, target, ok };
}

export function printTable(rows: readonly BenchRow[]): string {
  const header = ['section', 'metric', 'value', 'target', 'ok'];
  const cells = rows.map((r) => [
    r.section,
    r.metric,
    r.value,
    r.target,
    r.ok === null ? '' : r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
