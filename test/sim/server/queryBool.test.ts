import { describe, expect, it } from 'vitest';
import { queryBool } from '../../../src/sim/index.js';

describe('query booleans', () => {
  it('treats absent, 0 and false as false and anything else, including empty, as true', () => {
    const q = new URLSearchParams('a=&b=0&c=FALSE&d=1&e=yes');
    expect(['a', 'b', 'c', 'd', 'e', 'z'].map((k) => queryBool(q, k))).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});
