const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/**
 * RFC 3339 for people: UTC with `Z`, or the local zone with its offset when `local`; milliseconds only
 * when not zero (`02:10:04.999Z`), so a timeline stays readable and still exact.
 */
export function humanTime(ms: number, local = false): string {
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds() === 0 ? '' : `.${pad(d.getUTCMilliseconds(), 3)}`;
  if (!local) return `${d.toISOString().slice(0, 19)}${frac}Z`;
  const offset = -d.getTimezoneOffset();
  const zone =
    offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac}${zone}`;
}

/** A duration for people: `45s`, `2m30s`, `1h5m`, `3d2h` (exact to the second, ms when under 1 s). */
export function humanSpan(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  let s = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join('');
}
