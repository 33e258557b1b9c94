/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Rng = () => number;

/**
 * mulberry32: a tiny seeded PRNG. Scenarios use it so that the same seed replays the same cluster
 * history (names, which pod flaps, which node drains).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `n` characters from NAME_ALPHABET, as `generateName` completion does. */
export function randomSuffix(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[Math.floor(rng() * NAME_ALPHABET.length)];
  return s;
}

/** An integer in [min, max]. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick: empty array');
  return item;
}

/** FNV-1a 32-bit hash of a string: stable input for derived names such as pod-template-hash. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A name fragment derived from `text`, in NAME_ALPHABET, like a ReplicaSet's pod-template-hash. */
export function stableHash(text: string, length = 10): string {
  const rng = mulberry32(fnv1a(text));
  return randomSuffix(rng, length);
}

/** A random RFC 4122 version-4 UUID drawn from `rng` (deterministic for a seeded rng). */
export function randomUid(rng: Rng): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
    return s;
  };
  const variant = (8 + Math.floor(rng() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
