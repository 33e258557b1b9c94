/** `metadata.uid` of a raw API object, or null when it has none (the slimmer rejects such objects). */
export function rawUid(raw: unknown): string | null {
  const meta = (raw as { metadata?: { uid?: unknown } } | null)?.metadata;
  return typeof meta?.uid === 'string' && meta.uid !== '' ? meta.uid : null;
}
