import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipSortKey } from '../../src/query/ipSortKey.js';
import { compareText } from '../../src/util/compareText.js';

const sorted = (ips: string[]) => [...ips].sort((a, b) => compareText(ipSortKey(a), ipSortKey(b)));

describe('ipSortKey', () => {
  it('orders IPv4 numerically, before IPv6 in lexical order', () => {
    expect(sorted(['10.0.0.10', 'fd00::2', '10.0.0.9', '9.255.255.255', 'fd00::10', '10.0.1.0'])).toEqual([
      '9.255.255.255',
      '10.0.0.9',
      '10.0.0.10',
      '10.0.1.0',
      'fd00::10',
      'fd00::2',
    ]);
  });

  it('sorts any two IPv4 addresses as their numbers do', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
        const n = (ip: string) => ip.split('.').reduce((x, o) => x * 256 + Number(o), 0);
        expect(Math.sign(compareText(ipSortKey(a), ipSortKey(b)))).toBe(Math.sign(n(a) - n(b)));
      }),
    );
  });

  it('puts what is not dotted-quad IPv4 among the lexical keys instead of misreading it as a number', () => {
    for (const odd of ['1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', '1.2.3.', '01234.1.1.1', 'host-a'])
      expect(ipSortKey(odd)).toBe(`6${odd}`);
  });
});
