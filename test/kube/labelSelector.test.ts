import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from '../../src/kube/index.js';

const match = (selector: string, labels: Record<string, string>) => {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchesLabels(parsed.value, labels);
};

describe('label selectors', () => {
  it('matches equality, inequality and existence like kube (absent keys satisfy != and notin)', () => {
    expect(match('app=web', { app: 'web' })).toBe(true);
    expect(match('app==web', { app: 'db' })).toBe(false);
    expect(match('app!=web', {})).toBe(true);
    expect(match('app', { app: '' })).toBe(true);
    expect(match('!app', { app: 'x' })).toBe(false);
    expect(match('tier notin (a,b)', {})).toBe(true);
    expect(match('tier in (a, b)', { tier: 'b' })).toBe(true);
    expect(match('', { any: 'thing' })).toBe(true);
  });

  it('ANDs comma-separated requirements, keeping commas inside set parentheses', () => {
    expect(match('app in (web,db),tier=fe', { app: 'db', tier: 'fe' })).toBe(true);
    expect(match('app in (web,db),tier=fe', { app: 'db' })).toBe(false);
    expect(match('kubernetes.io/service-name=web', { 'kubernetes.io/service-name': 'web' })).toBe(true);
  });

  it('rejects malformed selectors', () => {
    expect(parseLabelSelector('app in web').ok).toBe(false);
    expect(parseLabelSelector('=x').ok).toBe(false);
  });
});
