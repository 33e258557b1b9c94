import type { ServiceRef } from './types.js';

const SEP = '\u0000';

/** Map keys: NUL-joined, since no Kubernetes name or IP contains NUL. */
export const joinKey = (...parts: (string | null)[]): string => parts.map((p) => p ?? '').join(SEP);

export const serviceKey = (s: ServiceRef): string => joinKey(s.cluster, s.namespace, s.name);

/** Canonical JSON for attribute comparison: callers build attrs with a fixed field order. */
export const attrsEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
