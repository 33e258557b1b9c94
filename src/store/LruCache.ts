/**
 * A map bounded by the total weight of its values (bytes, for buffers) that forgets the least
 * recently used entries first (Map keeps insertion order). A value heavier than the whole budget
 * is not kept.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;

  constructor(
    readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.map.set(key, value);
    this.total += weight;
    for (const [oldest, v] of this.map) {
      if (this.total <= this.maxWeight) break;
      this.map.delete(oldest);
      this.total -= this.weigh(v);
    }
  }

  delete(key: K): void {
    const value = this.map.get(key);
    if (value === undefined) return;
    this.map.delete(key);
    this.total -= this.weigh(value);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** Total weight of the values held. */
  get weight(): number {
    return this.total;
  }
}
