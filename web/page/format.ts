/** RFC 3339 UTC with milliseconds, as the API writes times. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** `2026-03-01 02:18:00Z`, or with milliseconds when they are not zero: the page's time labels (UTC). */
export function label(ms: number): string {
  const s = iso(ms).replace('T', ' ');
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** `1h 2m`, `45s`, `320ms`. */
export function span(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
