/** Where a paged list resumes: the moment it shows, its resourceVersion, the last key served. */
export interface ListPosition {
  /** Epoch ms of the moment listed (a live list keeps the moment of its first page). */
  at: number;
  /** The list's resourceVersion, repeated on every page as a consistent snapshot's is. */
  resourceVersion: string;
  /** `namespace/name` of the last item served; the next page starts strictly after it. */
  start: string;
}

/** An opaque continue token (base64url JSON, as kube's are base64 JSON); clients pass it back unchanged. */
export function encodeListContinue(pos: ListPosition): string {
  return Buffer.from(JSON.stringify({ v: 'eph/1', ...pos }), 'utf8').toString('base64url');
}

/** The position of a token this server made; null for anything else (the caller answers 400). */
export function decodeListContinue(token: string): ListPosition | null {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      p.v !== 'eph/1' ||
      typeof p.at !== 'number' ||
      !Number.isSafeInteger(p.at) ||
      typeof p.resourceVersion !== 'string' ||
      typeof p.start !== 'string'
    )
      return null;
    return { at: p.at, resourceVersion: p.resourceVersion, start: p.start };
  } catch {
    return null;
  }
}
