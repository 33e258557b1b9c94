import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/store/LruCache.js';

const bytes = (n: number) => Buffer.alloc(n);

describe('LruCache bounded by weight (the delta-base cache, weighed in bytes)', () => {
  it('forgets the least recently used entries once the total weight passes the budget', () => {
    const cache = new LruCache<string, Buffer>(100, (b) => b.length);
    cache.set('a', bytes(40));
    cache.set('b', bytes(40));
    cache.get('a'); // a is now more recent than b
    cache.set('c', bytes(40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.length).toBe(40);
    expect(cache.get('c')?.length).toBe(40);
    expect(cache.weight).toBe(80);
  });

  it('does not keep a value heavier than the whole budget, and drops the old value of its key', () => {
    const cache = new LruCache<string, Buffer>(100, (b) => b.length);
    cache.set('a', bytes(10));
    cache.set('a', bytes(101));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('keeps its weight exact through replacements, deletes and clear', () => {
    const cache = new LruCache<string, Buffer>(1000, (b) => b.length);
    cache.set('a', bytes(10));
    cache.set('a', bytes(30));
    cache.set('b', bytes(5));
    expect(cache.weight).toBe(35);
    cache.delete('a');
    cache.delete('missing');
    expect(cache.weight).toBe(5);
    cache.clear();
    expect(cache.weight).toBe(0);
  });
});
