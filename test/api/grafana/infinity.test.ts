// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Grafana template variables are literal text here
import { describe, expect, it } from 'vitest';
import { expectBandsDisjoint, expectLongToWideReady } from './frameChecks.js';
import {
  applyMacros,
  type InfinityQuery,
  infinityUrl,
  interpolateInBrowser,
  type Scene,
} from './infinity.js';

// The emulator and checks are test code the contract relies on: pin them against known cases.
const scene: Scene = {
  name: 's',
  from: Date.parse('2026-03-01T02:00:09.250Z'),
  to: Date.parse('2026-03-01T03:00:00Z'),
  intervalMs: 2000,
  variables: { ns: ['a', 'b'], one: ['x'], all: 'All' },
};
const vars = [{ name: 'ns' }, { name: 'one' }, { name: 'all', allValue: '*' }];
const query = (params: [string, string][]): InfinityQuery => ({
  refId: 'A',
  type: 'json',
  source: 'url',
  parser: 'backend',
  format: 'table',
  url: '/p?z=1',
  root_selector: '',
  columns: [],
  url_options: { method: 'GET', params: params.map(([key, value]) => ({ key, value })) },
});

describe('the Infinity emulator', () => {
  it('formats multi-value variables as glob by default and as csv when asked, and sends allValue for All', () => {
    expect(interpolateInBrowser('$ns ${ns} ${ns:csv} ${one} [[one]] ${all} $unknown', vars, scene)).toBe(
      '{a,b} {a,b} a,b x x * $unknown',
    );
  });

  it('leaves ${__interval_ms} as text when no panel supplies it, as in alerting', () => {
    expect(interpolateInBrowser('${__interval_ms}', vars, scene)).toBe('2000');
    expect(interpolateInBrowser('${__interval_ms}', vars, { ...scene, intervalMs: null })).toBe(
      '${__interval_ms}',
    );
  });

  it('expands the backend time macros to epoch ms and to trimmed ISO dates', () => {
    expect(applyMacros('${__timeFrom}|${__timeTo}', scene)).toBe(`${scene.from}|${scene.to}`);
    expect(applyMacros('${__timeFrom:date:iso}|${__timeTo:date}', scene)).toBe(
      '2026-03-01T02:00:09.25Z|2026-03-01T03:00:00Z',
    );
  });

  it('re-encodes the query string like Go: keys sorted, reserved characters escaped, space as +', () => {
    const url = infinityUrl(
      'http://h:4000',
      query([
        ['b', '${ns}'],
        ['a', 'x y'],
        ['c', '${__timeTo}'],
      ]),
      vars,
      scene,
    );
    expect(url.toString()).toBe(`http://h:4000/p?a=x+y&b=%7Ba%2Cb%7D&c=${scene.to}&z=1`);
  });
});

describe('the frame checks', () => {
  it('reject a long frame with a hole in one series', () => {
    const q = { ...query([]), columns: [{ selector: 'service', text: 'service', type: 'string' as const }] };
    const rows = [
      { time: 1, service: 'a' },
      { time: 1, service: 'b' },
      { time: 2, service: 'a' },
    ];
    expect(() => expectLongToWideReady(rows, q, 'x')).toThrow(/dense/);
    expect(() => expectLongToWideReady([rows[0]!, rows[0]!], q, 'x')).toThrow(/duplicate/);
  });

  it('reject a band whose intervals overlap', () => {
    const rows = [
      { pod: 'p', time: 1, timeEnd: 5 },
      { pod: 'p', time: 4, timeEnd: 6 },
    ];
    expect(() => expectBandsDisjoint(rows, ['pod'], 'x')).toThrow(/overlaps/);
  });
});
