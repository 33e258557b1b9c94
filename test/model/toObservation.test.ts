import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, toObservation } from '../../src/model/index.js';
import { fullEndpointSlice } from './fixtures.js';

describe('toObservation', () => {
  it('packs identity, times, the slim object and its hash', () => {
    const result = toObservation({
      cluster: 'prod',
      kind: 'EndpointSlice',
      type: 'MODIFIED',
      source: 'relist',
      raw: fullEndpointSlice(),
      observedAt: 1_748_772_400_000,
      notBefore: 1_748_772_300_000,
    });
    if (!result.ok) throw new Error(result.detail);
    const { object, json, ...rest } = result.observation;
    // the canonical JSON the hash was computed from travels along, so the store does not redo it
    expect(json?.toString('utf8')).toBe(canonicalJson(object));
    expect(rest).toEqual({
      cluster: 'prod',
      kind: 'EndpointSlice',
      type: 'MODIFIED',
      source: 'relist',
      uid: '6f0c0000-0000-0000-0000-000000000005',
      namespace: 'shop',
      name: 'web-7x2kq',
      resourceVersion: '48213',
      observedAt: 1_748_772_400_000,
      notBefore: 1_748_772_300_000,
      occurredAt: Date.parse('2025-06-01T10:05:12Z'),
      hash: contentHash(object),
    });
    expect(object.kind).toBe('EndpointSlice');
  });

  it('defaults notBefore to null for live events', () => {
    const result = toObservation({
      cluster: 'c',
      kind: 'EndpointSlice',
      type: 'ADDED',
      source: 'watch',
      raw: fullEndpointSlice(),
      observedAt: 1,
    });
    expect(result.ok && result.observation.notBefore).toBeNull();
  });

  it('passes a rejection through unchanged', () => {
    const result = toObservation({
      cluster: 'c',
      kind: 'Pod',
      type: 'ADDED',
      source: 'watch',
      raw: 'x',
      observedAt: 1,
    });
    expect(result).toEqual({ ok: false, reason: 'not-an-object', detail: 'a Pod must be a JSON object' });
  });

  it('honours a caller-measured size', () => {
    const result = toObservation({
      cluster: 'c',
      kind: 'EndpointSlice',
      type: 'ADDED',
      source: 'watch',
      raw: fullEndpointSlice(),
      observedAt: 1,
      rawBytes: 2 * 1024 * 1024,
    });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });
});
