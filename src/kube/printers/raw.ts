/** Loose readers for raw API JSON, where any field may be absent or null. */
export type Raw = Record<string, unknown>;

export function rec(v: unknown): Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

export function arr(v: unknown): Raw[] {
  return Array.isArray(v) ? (v as unknown[]).map(rec) : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Go's `labels.FormatLabels`: `k=v` sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(rec(labels))
    .map(([k, v]) => [k, String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '<none>';
  return entries.map(([k, v]) => `${k}=${v}`).join(',');
}
