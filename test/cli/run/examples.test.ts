import { describe, expect, it } from 'vitest';
import { demoExamples, parsePort, printExamples } from '../../../src/cli/runtime/index.js';
import { UsageError } from '../../../src/cli/UsageError.js';

const T0 = Date.parse('2025-03-04T02:10:00.000Z');
const marks = {
  startedAt: T0,
  endedAt: T0 + 30_000,
  steps: new Map([['rolling-update', { from: T0 + 4_000, to: T0 + 14_000 }]]),
};

describe('example queries', () => {
  it('asks about service-hello halfway through the rolling update and over the whole story', () => {
    const [endpoints, ip, ready] = demoExamples(marks, T0 + 31_000).map((e) => e.query);
    expect(endpoints).toContain(
      'endpoints(namespace: "default", service: "service-hello", at: "2025-03-04T02:10:09.000Z")',
    );
    expect(ip).toContain(
      'podsByIP(ip: "10.244.1.23", from: "2025-03-04T02:10:00.000Z", to: "2025-03-04T02:10:31.000Z")',
    );
    expect(ready).toContain('readyCount(from: "2025-03-04T02:10:00.000Z", to: "2025-03-04T02:10:31.000Z")');
    expect(ready).toContain('outages(from: "2025-03-04T02:10:00.000Z", to: "2025-03-04T02:10:31.000Z")');
  });

  it('prints each query on one line and the first as a curl command that survives shell quoting', () => {
    let text = '';
    printExamples(
      { write: (s: string) => (text += s) },
      {
        url: 'http://127.0.0.1:4000',
        examples: demoExamples(marks, T0 + 31_000),
        authTokenFile: "/run/it's/token",
      },
    );
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('  { '))).toHaveLength(3);
    const curl = lines.find((l) => l.includes('curl'))!;
    expect(curl).toContain(`-H "Authorization: Bearer $(cat '/run/it'\\''s/token')"`);
    expect(curl).toMatch(/-d '\{"query":"\{ endpoints\(namespace: \\"default\\"/);
  });
});

describe('parsePort', () => {
  it('accepts 0 to 65535 and rejects anything else as a usage error', () => {
    expect(parsePort('--port', '0')).toBe(0);
    expect(parsePort('--port', '4000')).toBe(4000);
    for (const bad of ['', '-1', '65536', '80.5', 'http'])
      expect(() => parsePort('--port', bad)).toThrow(UsageError);
  });
});
