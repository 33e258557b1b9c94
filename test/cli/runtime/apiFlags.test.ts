import { describe, expect, it } from 'vitest';
import { resolveApiFlags } from '../../../src/cli/runtime/apiFlags.js';

const flags = { port: '0', host: '127.0.0.1' };

describe('--metrics-public and EPH_METRICS_PUBLIC', () => {
  it('opens /metrics only when asked: the flag, or the variable set to a true word', () => {
    expect(resolveApiFlags(flags, {}).metricsPublic).toBe(false);
    expect(resolveApiFlags({ ...flags, metricsPublic: true }, {}).metricsPublic).toBe(true);
    for (const v of ['true', 'TRUE', '1', 'yes']) {
      expect(resolveApiFlags(flags, { EPH_METRICS_PUBLIC: v }).metricsPublic).toBe(true);
    }
  });

  it('keeps /metrics closed for a variable set to false, 0, no or nothing, where commander would open it', () => {
    for (const v of ['false', '0', 'no', '']) {
      expect(resolveApiFlags(flags, { EPH_METRICS_PUBLIC: v }).metricsPublic).toBe(false);
    }
  });

  it('refuses any other value of the variable as a usage error', () => {
    expect(() => resolveApiFlags(flags, { EPH_METRICS_PUBLIC: 'ture' })).toThrow(
      'invalid EPH_METRICS_PUBLIC: ture (expected true or false)',
    );
  });
});
