/** What a continue token binds: the snapshot revision and the last key served. */
export interface ContinuePosition {
  rv: number;
  /** `namespace/name` of the last item returned; the next page starts strictly after it. */
  start: string;
}

/** Encodes a token like kube's (base64 JSON `{v, rv, start}`); clients must treat it as opaque. */
export function encodeContinue(pos: ContinuePosition): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: pos.rv, start: pos.start }), 'utf8').toString(
    'base64url',
  );
}

/** Decodes a token; null when it is not one of ours (the caller answers 400). */
export function decodeContinue(token: string): ContinuePosition | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      return null;
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    return null;
  }
}
