import { describe, expect, it } from 'vitest';
import { canonicalIp, canonicalIpOrText, isIPv6 } from '../../src/kube/index.js';

describe('canonicalIp', () => {
  it.each([
    ['10.244.1.17', '10.244.1.17'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['FE80::ABCD', 'fe80::abcd'],
    ['::', '::'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::FFFF:0102:0304', '::ffff:1.2.3.4'],
    ['0:0:0:0:0:ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
  ])('writes %s as %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([
    '',
    '010.1.1.1',
    '1.2.3.04',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '0x7f.0.0.1',
    ' 1.2.3.4',
    '1.2.3.4 ',
    'fe80::1%eth0',
    'fe80::1%25eth0',
    '[::1]',
    '2001:db8::/32',
    '00001::',
    '1:2:3:4:5:6:7:8:9',
    '::01.2.3.4',
    '::1]@evil.example/[',
    'web.shop.svc',
    'None',
  ])('rejects %j', (input) => {
    expect(canonicalIp(input)).toBeNull();
  });

  it('keeps text that is not an IP as written in canonicalIpOrText', () => {
    expect(canonicalIpOrText('DB.Example.com')).toBe('DB.Example.com');
    expect(canonicalIpOrText('FD00::1')).toBe('fd00::1');
  });

  it('tells IPv6 from IPv4 and from non-addresses', () => {
    expect(isIPv6('FD00::1')).toBe(true);
    expect(isIPv6('::ffff:1.2.3.4')).toBe(true);
    expect(isIPv6('10.0.0.1')).toBe(false);
    expect(isIPv6('a:b')).toBe(false);
  });
});
