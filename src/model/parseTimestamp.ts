const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of an RFC 3339 timestamp (as the API server writes metav1.Time and
 * MicroTime: `2025-06-01T10:05:12Z`, `2025-06-01T10:05:12.123456789Z`, or with a numeric offset).
 * Fractional seconds beyond milliseconds are truncated. Returns null for null, for anything that
 * is not RFC 3339 and for impossible dates (Feb 30, hour 24, second 60).
 */
export function parseTimestamp(text: string | null): number | null {
  if (text === null) return null;
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  // Date.UTC would read years 0–99 as 1900–1999, so the year is set on its own.
  date.setUTCFullYear(year, month - 1, day);
  // Feb 30 rolls over into March; a round trip of the day catches it.
  if (date.getUTCDate() !== day) return null;
  const local = date.getTime();
  if (m[8] !== undefined) return local;
  const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
  if (Number(m[10]) > 23 || Number(m[11]) > 59) return null;
  return m[9] === '-' ? local + offsetMinutes * 60_000 : local - offsetMinutes * 60_000;
}
