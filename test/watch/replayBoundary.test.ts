import { describe, expect, it } from 'vitest';
import { ReplayBoundary } from '../../src/watch/replayBoundary.js';

describe('ReplayBoundary', () => {
  it('counts decimal resourceVersions at or below the head as replayed, by number not by text', () => {
    const b = new ReplayBoundary('100');
    expect(['98', '99', '100', '101', '1000'].map((rv) => b.isReplay(rv))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('ends the replay at the first later event for good', () => {
    const b = new ReplayBoundary('9');
    expect(['8', '10', '9'].map((rv) => b.isReplay(rv))).toEqual([true, false, false]);
  });

  it('with opaque resourceVersions, replays up to and including the one equal to the head', () => {
    const b = new ReplayBoundary('c3');
    expect(['a1', 'c3', 'd4'].map((rv) => b.isReplay(rv))).toEqual([true, true, false]);
  });

  it('without a head, counts every event as replayed: "somewhere in the gap" stays true', () => {
    const b = new ReplayBoundary(null);
    expect(['1', '2'].map((rv) => b.isReplay(rv))).toEqual([true, true]);
  });
});
