import { describe, expect, it } from 'vitest';
import { gapText } from '../../../src/api/kube/gapText.js';
import type { CoverageIntervalOut } from '../../../src/query/index.js';

const T = (iso: string) => Date.parse(iso);
const gap = (kind: CoverageIntervalOut['kind'], from: number | null, to: number | null, reason: string) => ({
  cluster: 'test',
  kind,
  from,
  to,
  covered: false,
  reason,
});

describe('the gaps of a kube API answer in one header phrase', () => {
  it('says the gap after now is not recorded yet, naming now (the gap starts 1 ms after it)', () => {
    const now = T('2026-03-01T03:00:00.000Z');
    expect(gapText([gap('Pod', now + 1, null, 'future')])).toBe(
      'Pod after 2026-03-01T03:00:00.000Z (not recorded yet)',
    );
  });

  it('names a past gap by its bounds and reason, each once, by time then kind', () => {
    const a = gap('EndpointSlice', T('2026-03-01T02:25:00Z'), T('2026-03-01T02:27:00Z'), 'stream-broken');
    expect(gapText([a, a, gap('Pod', null, T('2026-03-01T01:59:00Z'), 'not-recording')])).toBe(
      'Pod before 2026-03-01T01:59:00.000Z (not-recording); EndpointSlice 2026-03-01T02:25:00.000Z to 2026-03-01T02:27:00.000Z (stream-broken)',
    );
    expect(gapText([gap('Service', T('2026-03-01T02:50:00Z'), null, 'shutdown')])).toBe(
      'Service since 2026-03-01T02:50:00.000Z (shutdown)',
    );
    expect(gapText([])).toBe('unknown gap');
  });
});
