/** One media range of an `Accept` header: `type/subtype` (lower case) and its parameters. */
export interface MediaRange {
  type: string;
  params: Map<string, string>;
}

/**
 * The media ranges of an `Accept` header in the order written (clients such as kubectl list them by
 * preference and send no q-values): `application/json;as=Table;v=v1;g=meta.k8s.io` gives type
 * `application/json` and the parameters as, v, g. Malformed parameters are skipped.
 */
export function mediaRanges(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept.split(',').map((range) => {
    const [type = '', ...rest] = range.split(';');
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq <= 0) continue;
      params.set(
        p.slice(0, eq).trim(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
    }
    return { type: type.trim().toLowerCase(), params };
  });
}
