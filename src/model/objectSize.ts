/**
 * Largest raw object (its JSON text, in UTF-8 bytes) we accept. The API server's own limit is
 * about 1.5 MiB (etcd); real Pods, Services, Endpoints (≤ 1000 addresses) and EndpointSlices
 * (≤ 1000 endpoints) stay far below 1 MiB, so anything larger is hostile or broken.
 */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/**
 * True when `text` is longer than `maxBytes` in UTF-8, without encoding it when the answer is
 * clear from its length alone: a UTF-16 code unit is 1 to 3 UTF-8 bytes.
 */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}
