/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Go's time.RFC3339Nano for a millisecond instant: the fraction keeps only significant digits
 * (`…:12.5Z`, `…:12.123Z`) and disappears when zero (`…:12Z`). Used by
 * `endpoints.kubernetes.io/last-change-trigger-time`.
 */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const [head, frac] = iso.slice(0, -1).split('.');
  const digits = (frac ?? '').replace(/0+$/, '');
  return digits ? `${head}.${digits}Z` : `${head}Z`;
}
