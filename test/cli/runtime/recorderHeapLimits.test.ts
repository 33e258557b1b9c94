import { describe, expect, it } from 'vitest';
import { recorderHeapLimits } from '../../../src/cli/runtime/recorderHeapLimits.js';

describe('recorderHeapLimits', () => {
  it('caps the recorder thread’s young generation and never its old generation', () => {
    const limits = recorderHeapLimits([], {});
    expect(limits.maxYoungGenerationSizeMb).toBe(12);
    expect(limits.maxOldGenerationSizeMb).toBeUndefined();
  });

  it('leaves the young generation to an operator who set --max-semi-space-size, on the command line or in NODE_OPTIONS', () => {
    expect(recorderHeapLimits(['--max-semi-space-size=8'], {})).toEqual({});
    expect(recorderHeapLimits([], { NODE_OPTIONS: '--inspect --max_semi_space_size=2' })).toEqual({});
  });
});
